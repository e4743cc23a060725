namespace ApiManager.Gateway.Common;

/// <summary>Checks and messages shared by the services that hold members (groups hold APIs, scopes hold groups, ...).</summary>
internal static class Memberships
{
    /// <summary>
    /// The distinct ids asked for; refuses (on <paramref name="field"/>) an empty list, or ids that
    /// <paramref name="existingIds"/> does not find.
    /// </summary>
    public static async Task<List<int>> RequireExistingAsync(
        IReadOnlyCollection<int> ids, Func<List<int>, Task<List<int>>> existingIds, string field, string emptyMessage, string noun)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(existingIds);
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { [field] = [emptyMessage] });
        }

        var missing = wanted.Except(await existingIds(wanted)).ToList();
        if (missing.Count > 0)
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { [field] = [$"No {noun} with id {string.Join(", ", missing)}."] });
        }

        return wanted;
    }

    /// <summary>
    /// Why a delete is refused while memberships hold the item, e.g. "API scope 's' is held by 1 client(s): app-7. Remove
    /// these 1 membership(s) first, or confirm removing them." <paramref name="holders"/> pairs a kind ("client") with names.
    /// </summary>
    public static string InUseMessage(string what, string name, params (string Kind, IReadOnlyList<string> Names)[] holders)
    {
        var parts = holders.Where(h => h.Names.Count > 0).Select(h => $"{h.Names.Count} {h.Kind}(s): {string.Join(", ", h.Names)}").ToList();
        var count = holders.Sum(h => h.Names.Count);
        return $"{what} '{name}' is held by {string.Join(" and ", parts)}. Remove these {count} membership(s) first, or confirm removing them.";
    }
}
