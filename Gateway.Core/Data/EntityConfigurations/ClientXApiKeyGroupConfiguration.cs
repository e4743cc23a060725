using ApiManager.Gateway.Credentials.XApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientXApiKeyGroupConfiguration : IEntityTypeConfiguration<ClientXApiKeyGroup>
{
    public void Configure(EntityTypeBuilder<ClientXApiKeyGroup> builder)
    {
        builder.ToTable("ClientXApiKeyGroups");
        builder.HasKey(m => new { m.ClientXApiKeyId, m.ApiGroupId });
        builder.HasIndex(m => m.ApiGroupId);

        // Deleting a group takes it from the keys too: a key never grants more than its remaining groups.
        builder.HasOne(m => m.ApiGroup).WithMany().HasForeignKey(m => m.ApiGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
