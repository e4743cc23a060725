using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientQuotaUsageConfiguration : IEntityTypeConfiguration<ClientQuotaUsage>
{
    public void Configure(EntityTypeBuilder<ClientQuotaUsage> builder)
    {
        builder.ToTable("ClientQuotaUsages");
        builder.HasKey(u => u.ClientId);
        builder.Property(u => u.ClientId).ValueGeneratedNever();
        builder.HasOne<ApiClient>().WithOne().HasForeignKey<ClientQuotaUsage>(u => u.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
