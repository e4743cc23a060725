using ApiManager.Gateway.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientGroupConfiguration : IEntityTypeConfiguration<ClientGroup>
{
    public void Configure(EntityTypeBuilder<ClientGroup> builder)
    {
        builder.ToTable("ClientGroups");
        builder.HasKey(m => new { m.ApiClientId, m.ApiGroupId });
        builder.HasIndex(m => m.ApiGroupId);
        builder.HasOne(m => m.ApiGroup).WithMany().HasForeignKey(m => m.ApiGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
