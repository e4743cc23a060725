using ApiManager.Gateway.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Admin.Data;

/// <summary>Admin identity (users, roles), personal access tokens and Data Protection keys, on the same SQLite file.</summary>
public sealed class AdminDbContext(DbContextOptions<AdminDbContext> options) : IdentityDbContext<AdminUser>(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__AdminMigrationsHistory";

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AdminDbContext).Assembly, t => t.Namespace == typeof(AdminDbContext).Namespace + ".EntityConfigurations");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
