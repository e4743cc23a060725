using Microsoft.AspNetCore.DataProtection;

namespace ApiManager.Gateway.Credentials;

/// <summary>
/// Encrypts credential secrets that must be read back (signing keys, signed-key secrets, JWT credential secrets, upstream
/// passwords) with ASP.NET Core Data Protection; the console persists the key ring in the database.
/// </summary>
internal sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ApiManager.Credentials.v1");

    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return _protector.Protect(secret);
    }

    /// <summary>Decrypts a value written by <see cref="Protect"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it cannot.</summary>
    public string Unprotect(string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        return _protector.Unprotect(protectedSecret);
    }
}
