namespace ApiManager.Admin.Account;

/// <summary>Authorization policy names shared by pages and the admin API.</summary>
public static class AdminPolicies
{
    /// <summary>Any signed-in console user (Administrator or Operator).</summary>
    public const string Read = "admin.read";

    /// <summary>Administrators only: every write.</summary>
    public const string Write = "admin.write";
}
