using System.Text.RegularExpressions;

namespace ApiManager.Gateway.Common;

/// <summary>Collects field errors and throws them all at once.</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>True when <paramref name="field"/> already has an error.</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>
    /// Checks a required text field: trimmed, "<paramref name="label"/> is required." when empty, otherwise
    /// <paramref name="invalidMessage"/> when longer than <paramref name="maxLength"/> or not matching
    /// <paramref name="pattern"/>. Returns the trimmed value.
    /// </summary>
    public string RequiredText(string field, string label, string? value, int maxLength, string invalidMessage, Regex? pattern = null)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            Add(field, label + " is required.");
        }
        else if (text.Length > maxLength || (pattern is not null && !pattern.IsMatch(text)))
        {
            Add(field, invalidMessage);
        }

        return text;
    }

    /// <summary>The collected errors: field → messages (empty when valid).</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new ServiceValidationException(ToDictionary());
        }
    }
}
