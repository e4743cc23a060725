using ApiManager.Gateway.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ClientScopeConfiguration : IEntityTypeConfiguration<ClientScope>
{
    public void Configure(EntityTypeBuilder<ClientScope> builder)
    {
        builder.ToTable("ClientScopes");
        builder.HasKey(m => new { m.ApiClientId, m.ApiScopeId });
        builder.HasIndex(m => m.ApiScopeId);
        builder.HasOne(m => m.ApiScope).WithMany().HasForeignKey(m => m.ApiScopeId).OnDelete(DeleteBehavior.Restrict);
    }
}
