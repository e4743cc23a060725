using ApiManager.Gateway.Credentials.SignedKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class SignedApiKeyApiConfiguration : IEntityTypeConfiguration<SignedApiKeyApi>
{
    public void Configure(EntityTypeBuilder<SignedApiKeyApi> builder)
    {
        builder.ToTable("SignedApiKeyApis");
        builder.HasKey(a => new { a.SignedApiKeyId, a.ApiDefinitionId });
        builder.HasIndex(a => a.ApiDefinitionId);
        builder.HasOne(a => a.Api).WithMany().HasForeignKey(a => a.ApiDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
