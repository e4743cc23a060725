using System.Security.Cryptography;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// Request ids: an incoming <c>X-Request-Id</c> is kept when well formed (1–128 of <c>[A-Za-z0-9._-]</c>); otherwise a
/// compact id is made of a random per-process prefix and a counter (unique across nodes, no per-request randomness).
/// </summary>
internal static class RequestIds
{
    /// <summary>The header carrying the id, on the response and toward the backend.</summary>
    public const string HeaderName = "X-Request-Id";

    /// <summary>The longest incoming id kept.</summary>
    public const int MaxLength = 128;

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";
    private static readonly string Prefix = RandomPrefix();
    private static long _counter;

    /// <summary>True when <paramref name="value"/> may be reused as the request id.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new id such as <c>k3v9q2m7da1c-4f</c>: the process prefix, a dash and the counter in base 32.</summary>
    public static string Create()
    {
        var n = (ulong)Interlocked.Increment(ref _counter);
        var digits = 1;
        for (var rest = n >> 5; rest != 0; rest >>= 5)
        {
            digits++;
        }

        return string.Create(Prefix.Length + 1 + digits, n, static (span, value) =>
        {
            Prefix.AsSpan().CopyTo(span);
            span[Prefix.Length] = '-';
            for (var i = span.Length - 1; i > Prefix.Length; i--)
            {
                span[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    private static string RandomPrefix()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(12, bytes.ToArray(), static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[random[i] & 31];
            }
        });
    }
}
