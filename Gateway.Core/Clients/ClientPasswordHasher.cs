using Microsoft.AspNetCore.Identity;

namespace ApiManager.Gateway.Clients;

/// <summary>
/// Hashes and verifies client passwords with ASP.NET Core Identity's hasher (PBKDF2, versioned format). The one
/// place the console, the admin API, the portal and the gateway hash or check a client password.
/// </summary>
public sealed class ClientPasswordHasher
{
    /// <summary>Longest password accepted (the seed: up to 128 characters, any characters).</summary>
    public const int MaxLength = 128;

    private readonly PasswordHasher<ApiClient> _hasher = new();

    /// <summary>The hash to store for <paramref name="password"/>.</summary>
    public string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return _hasher.HashPassword(null!, password);
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    public bool Verify(string hash, string password)
    {
        if (string.IsNullOrEmpty(hash) || string.IsNullOrEmpty(password) || password.Length > MaxLength)
        {
            return false;
        }

        try
        {
            return _hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
