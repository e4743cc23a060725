using System.Collections.Frozen;
using System.Text;

namespace ApiManager.Gateway.CallLog;

/// <summary>
/// Replaces the values of secret query parameters with <c>***</c> before a query string is stored: the well-known
/// names (<see cref="SecretNames"/>) and the API's own key-auth / jwt parameter names. Names compare case-insensitively
/// after URL-decoding.
/// </summary>
internal static class QueryRedactor
{
    public const string Mask = "***";

    /// <summary>Parameter names always treated as secret.</summary>
    public static readonly FrozenSet<string> SecretNames = new[]
    {
        "apikey", "api_key", "key", "token", "access_token", "refresh_token", "jwt", "password", "client_secret", "code", "secret",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="query"/> (with or without the leading <c>?</c>) with secret values masked; the same instance when
    /// nothing needed masking. <paramref name="extraNames"/> and <paramref name="moreNames"/> are the API's own secret parameter names (key-auth keys, jwt URI parameters).
    /// </summary>
    public static string? Redact(string? query, IReadOnlyList<string>? extraNames = null, IReadOnlyList<string>? moreNames = null)
    {
        if (string.IsNullOrEmpty(query))
        {
            return query;
        }

        StringBuilder? builder = null;
        var start = query[0] == '?' ? 1 : 0;
        var copied = 0;
        while (start <= query.Length)
        {
            var end = query.IndexOf('&', start);
            if (end < 0)
            {
                end = query.Length;
            }

            var equals = query.IndexOf('=', start, end - start);
            if (equals > start && equals + 1 < end && IsSecret(query.AsSpan(start, equals - start), extraNames, moreNames))
            {
                builder ??= new StringBuilder(query.Length);
                builder.Append(query, copied, equals + 1 - copied).Append(Mask);
                copied = end;
            }

            start = end + 1;
        }

        if (builder is null)
        {
            return query;
        }

        builder.Append(query, copied, query.Length - copied);
        return builder.ToString();
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SecretNameLookup = SecretNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsSecret(ReadOnlySpan<char> rawName, IReadOnlyList<string>? extraNames, IReadOnlyList<string>? moreNames) =>
        IsSecret(rawName, extraNames) || (moreNames is not null && IsSecret(rawName, moreNames));

    private static bool IsSecret(ReadOnlySpan<char> rawName, IReadOnlyList<string>? extraNames)
    {
        var name = rawName.ContainsAny('%', '+') ? Uri.UnescapeDataString(rawName.ToString().Replace('+', ' ')).AsSpan() : rawName;
        if (SecretNameLookup.Contains(name))
        {
            return true;
        }

        if (extraNames is not null)
        {
            for (var i = 0; i < extraNames.Count; i++)
            {
                if (name.Equals(extraNames[i], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
