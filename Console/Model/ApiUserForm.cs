using ApiManager.Gateway.ApiUsers;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the API user form (mutable for binding); converts to <see cref="ApiUserInput"/>.</summary>
internal sealed class ApiUserForm
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }

    /// <summary>Read on create only.</summary>
    public string? Password { get; set; }

    /// <summary>Read on create only.</summary>
    public string? ConfirmPassword { get; set; }

    /// <summary>Client IDs that may use the password grant for the user; none = any client.</summary>
    public IReadOnlyCollection<string> AllowedClients { get; set; } = [];
    public Guid? ConcurrencyStamp { get; set; }

    public static ApiUserForm From(ApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ApiUserForm
        {
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            Email = user.Email,
            AllowedClients = [.. ApiUserInput.AllowedClientIds(user)],
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
    }

    public ApiUserInput ToInput() => new()
    {
        UserName = UserName,
        DisplayName = DisplayName,
        Email = Email,
        Password = Password,
        ConfirmPassword = ConfirmPassword,
        AllowedClients = [.. AllowedClients],
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
