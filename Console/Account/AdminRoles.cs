namespace ApiManager.Admin.Account;

/// <summary>Console roles: Administrator may do everything, Operator only reads.</summary>
public static class AdminRoles
{
    public const string Administrator = "Administrator";
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [Administrator, Operator];
}
