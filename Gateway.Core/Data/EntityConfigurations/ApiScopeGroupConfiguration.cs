using ApiManager.Gateway.Scopes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiScopeGroupConfiguration : IEntityTypeConfiguration<ApiScopeGroup>
{
    public void Configure(EntityTypeBuilder<ApiScopeGroup> builder)
    {
        builder.ToTable("ApiScopeGroups");
        builder.HasKey(m => new { m.ApiScopeId, m.ApiGroupId });
        builder.HasIndex(m => m.ApiGroupId);
        builder.HasOne(m => m.ApiGroup).WithMany().HasForeignKey(m => m.ApiGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
