using ApiManager.Gateway.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientIpBindingConfiguration : IEntityTypeConfiguration<ClientIpBinding>
{
    public void Configure(EntityTypeBuilder<ClientIpBinding> builder)
    {
        builder.ToTable("ClientIpBindings");
        builder.Property(b => b.HostName).HasMaxLength(253);
        builder.Property(b => b.IpAddress).HasMaxLength(64);
    }
}
