namespace ApiManager.Gateway.ApiUsers;

/// <summary>
/// What an admin submits to create or update an API user. <see cref="Password"/> and <see cref="ConfirmPassword"/> are
/// read on create only (updates change the password through <see cref="ApiUserService.SetPasswordAsync"/>).
/// </summary>
public sealed record ApiUserInput
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? Email { get; init; }
    public string? Password { get; init; }
    public string? ConfirmPassword { get; init; }

    /// <summary>Client IDs (the clients' sign-in names) that may use the password grant for the user; empty = any client.</summary>
    public IReadOnlyList<string> AllowedClients { get; init; } = [];

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    /// <summary>The editable fields of <paramref name="user"/> (never its password or hash); clients must be loaded.</summary>
    public static ApiUserInput From(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ApiUserInput
        {
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            Email = user.Email,
            AllowedClients = AllowedClientIds(user),
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
    }

    /// <summary>The Client IDs of the user's allowed clients, sorted (clients must be loaded).</summary>
    public static IReadOnlyList<string> AllowedClientIds(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.Clients.Where(c => c.Client is not null).Select(c => c.Client!.ClientId).Order(StringComparer.OrdinalIgnoreCase)];
    }
}
