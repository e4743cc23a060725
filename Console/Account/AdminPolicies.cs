using Microsoft.AspNetCore.Authorization;

namespace ApiManager.Admin.Account;

/// <summary>Authorization policy names shared by pages and the admin API.</summary>
public static class AdminPolicies
{
    /// <summary>Any signed-in console user (Administrator or Operator).</summary>
    public const string Read = "admin.read";

    /// <summary>Administrators only: every write.</summary>
    public const string Write = "admin.write";

    /// <summary>Adds <see cref="Read"/> and <see cref="Write"/>; used by the host and by test hosts.</summary>
    public static AuthorizationBuilder AddAdminPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Administrator, AdminRoles.Operator))
            .AddPolicy(Write, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Administrator));
    }
}
