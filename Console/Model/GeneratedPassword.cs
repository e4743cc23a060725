using System.Security.Cryptography;

namespace ApiManager.Admin.Model;

/// <summary>Random passwords an admin may hand to an API user.</summary>
internal static class GeneratedPassword
{
    public const int Length = 20;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@_";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
