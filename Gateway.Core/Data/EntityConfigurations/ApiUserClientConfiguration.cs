using ApiManager.Gateway.ApiUsers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiUserClientConfiguration : IEntityTypeConfiguration<ApiUserClient>
{
    public void Configure(EntityTypeBuilder<ApiUserClient> builder)
    {
        builder.ToTable("ApiUserClients");
        builder.HasKey(m => new { m.ApiUserId, m.ApiClientId });
        builder.HasIndex(m => m.ApiClientId);

        // Deleting a client drops it from the lists; the user stays restricted (ApiUser.RestrictedToClients).
        builder.HasOne(m => m.Client).WithMany().HasForeignKey(m => m.ApiClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
