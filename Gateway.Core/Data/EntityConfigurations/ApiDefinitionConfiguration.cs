using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Credentials.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiDefinitionConfiguration : IEntityTypeConfiguration<ApiDefinition>
{
    public void Configure(EntityTypeBuilder<ApiDefinition> builder)
    {
        builder.ToTable("Apis");
        builder.Property(a => a.Name).HasMaxLength(100).UseCollation("NOCASE");
        builder.Property(a => a.Version).HasMaxLength(30).UseCollation("NOCASE");
        builder.HasIndex(a => new { a.Name, a.Version }).IsUnique();
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Path).HasMaxLength(500).UseCollation("NOCASE");
        builder.HasIndex(a => a.Path).IsUnique();
        builder.Property(a => a.Description).HasMaxLength(2000);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.PrimitiveCollection(a => a.Tags);
        builder.PrimitiveCollection(a => a.Methods);
        builder.Property(a => a.AcceptedCredentials).HasConversion<int>();
        builder.Property(a => a.AuthenticationOptions).HasConversion(
            o => ApiAuthenticationOptions.ToJson(o),
            s => ApiAuthenticationOptions.FromJson(s),
            new ValueComparer<ApiAuthenticationOptions>(
                (a, b) => ApiAuthenticationOptions.ToJson(a!) == ApiAuthenticationOptions.ToJson(b!),
                o => ApiAuthenticationOptions.ToJson(o).GetHashCode(StringComparison.Ordinal),
                o => ApiAuthenticationOptions.FromJson(ApiAuthenticationOptions.ToJson(o))));
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne(a => a.Backend).WithMany().HasForeignKey(a => a.BackendId).OnDelete(DeleteBehavior.Restrict);
    }
}
