namespace ApiManager.Admin.Account;

/// <summary>What an administrator enters to create a console user.</summary>
internal sealed record NewAdminUser
{
    public string UserName { get; init; } = "";
    public string? DisplayName { get; init; }
    public string Role { get; init; } = AdminRoles.Operator;
    public string Password { get; init; } = "";
}
