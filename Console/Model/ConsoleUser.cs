using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>The signed-in console user as pages need it: who, which role, and whether writes are allowed.</summary>
internal sealed record ConsoleUser(string? Id, string Name, string Role, bool CanWrite)
{
    public static ConsoleUser Anonymous { get; } = new(null, "", "", false);

    /// <summary>The actor recorded for the user's console writes.</summary>
    public Actor Actor => new(Name, "console");
}
