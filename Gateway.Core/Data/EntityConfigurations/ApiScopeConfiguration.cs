using ApiManager.Gateway.Scopes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiScopeConfiguration : IEntityTypeConfiguration<ApiScope>
{
    public void Configure(EntityTypeBuilder<ApiScope> builder)
    {
        builder.ToTable("ApiScopes");
        builder.Property(s => s.Name).HasMaxLength(100).UseCollation("NOCASE");
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(1000);
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasMany(s => s.Groups).WithOne(g => g.ApiScope).HasForeignKey(g => g.ApiScopeId).OnDelete(DeleteBehavior.Cascade);
    }
}
