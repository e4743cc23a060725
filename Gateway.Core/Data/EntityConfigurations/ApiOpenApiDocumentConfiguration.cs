using ApiManager.Gateway.Apis.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiOpenApiDocumentConfiguration : IEntityTypeConfiguration<ApiOpenApiDocument>
{
    public void Configure(EntityTypeBuilder<ApiOpenApiDocument> builder)
    {
        builder.ToTable("ApiOpenApiDocuments");
        builder.HasKey(d => d.ApiDefinitionId);
        builder.HasOne(d => d.Api).WithOne().HasForeignKey<ApiOpenApiDocument>(d => d.ApiDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
