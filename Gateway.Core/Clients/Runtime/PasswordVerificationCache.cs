using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// Remembers successful client password verifications for a short time so the PBKDF2 cost is not paid on every call.
/// Entries are keyed by an HMAC-SHA256 (random per-process key) of Client ID, password and stored hash: the plaintext is
/// never kept, and a changed password (new hash) misses the cache. Failures are never cached.
/// </summary>
internal sealed class PasswordVerificationCache(ClientPasswordHasher hasher, TimeProvider timeProvider)
{
    /// <summary>How long a verified password is trusted without hashing again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Entries kept at most; the cache is emptied when it grows past this.</summary>
    public const int MaxEntries = 10_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<Key, long> _verified = new();

    private long _hashChecks;

    public int Count => _verified.Count;

    /// <summary>How many times the (slow) hasher ran: cache misses.</summary>
    public long HashChecks => Interlocked.Read(ref _hashChecks);

    /// <summary>True when <paramref name="password"/> matches <paramref name="passwordHash"/> (from the cache when possible).</summary>
    public bool Verify(string clientId, ReadOnlySpan<char> password, string passwordHash)
    {
        var key = KeyOf(clientId, password, passwordHash);
        var now = timeProvider.GetTimestamp();
        if (_verified.TryGetValue(key, out var expires))
        {
            if (now < expires)
            {
                return true;
            }

            _verified.TryRemove(key, out _);
        }

        Interlocked.Increment(ref _hashChecks);
        if (!hasher.Verify(passwordHash, password.ToString()))
        {
            return false;
        }

        if (_verified.Count >= MaxEntries)
        {
            _verified.Clear();
        }

        _verified[key] = now + (long)(Lifetime.TotalSeconds * timeProvider.TimestampFrequency);
        return true;
    }

    /// <summary>Forgets every cached verification.</summary>
    public void Clear() => _verified.Clear();

    private Key KeyOf(string clientId, ReadOnlySpan<char> password, string passwordHash)
    {
        var length = Encoding.UTF8.GetMaxByteCount(clientId.Length + password.Length + passwordHash.Length + 2);
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(clientId, buffer);
            buffer[written++] = 0;
            written += Encoding.UTF8.GetBytes(password, buffer[written..]);
            buffer[written++] = 0;
            written += Encoding.UTF8.GetBytes(passwordHash, buffer[written..]);
            Span<byte> mac = stackalloc byte[32];
            HMACSHA256.HashData(_key, buffer[..written], mac);
            return MemoryMarshal.Read<Key>(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Key(ulong A, ulong B, ulong C, ulong D);
}
