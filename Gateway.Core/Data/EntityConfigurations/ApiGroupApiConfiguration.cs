using ApiManager.Gateway.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiGroupApiConfiguration : IEntityTypeConfiguration<ApiGroupApi>
{
    public void Configure(EntityTypeBuilder<ApiGroupApi> builder)
    {
        builder.ToTable("ApiGroupApis");
        builder.HasKey(m => new { m.ApiGroupId, m.ApiDefinitionId });
        builder.HasIndex(m => m.ApiDefinitionId);

        // An API in a group is a dependency: deleting the API is refused (or the memberships removed explicitly).
        builder.HasOne(m => m.Api).WithMany().HasForeignKey(m => m.ApiDefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}
