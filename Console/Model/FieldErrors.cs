using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>Field errors from a <c>ServiceValidationException</c>, looked up by the camelCase field name.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _errors.Count;

    public IEnumerable<string> Fields => _errors.Keys;

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The field's messages joined, or null.</summary>
    public string? Text(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Set(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _errors.Clear();
        foreach (var (field, messages) in errors)
        {
            _errors[field] = messages;
        }
    }

    public void Clear() => _errors.Clear();

    /// <summary>
    /// Runs a service write and returns its result; on a <see cref="ServiceValidationException"/> its field errors, on a
    /// not-found or conflict its message under <paramref name="otherKey"/>, become the errors and the result is null.
    /// </summary>
    public async Task<T?> TryAsync<T>(Func<Task<T>> write, string otherKey)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(write);
        Clear();
        try
        {
            return await write();
        }
        catch (ServiceValidationException ex)
        {
            Set(ex.Errors);
        }
        catch (Exception ex) when (ex is EntityNotFoundException or EntityConflictException)
        {
            Set(new Dictionary<string, string[]> { [otherKey] = [ex.Message] });
        }

        return null;
    }

    /// <summary>Messages of fields the form does not show next to an input (so they are not lost).</summary>
    public IReadOnlyList<string> Others(IEnumerable<string> shownFields)
    {
        var shown = new HashSet<string>(shownFields, StringComparer.OrdinalIgnoreCase);
        return [.. _errors.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))];
    }
}
