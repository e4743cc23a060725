using ApiManager.Gateway.Apis.Diversion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiIpDiversionConfiguration : IEntityTypeConfiguration<ApiIpDiversion>
{
    public void Configure(EntityTypeBuilder<ApiIpDiversion> builder)
    {
        builder.ToTable("ApiIpDiversions");
        builder.Property(d => d.Source).HasMaxLength(ApiDiversionService.MaxSourceLength);
        builder.Property(d => d.TargetUrl).HasMaxLength(ApiDiversionService.MaxUrlLength);
        builder.HasIndex(d => new { d.ApiDefinitionId, d.Position }).IsUnique();
        builder.HasOne(d => d.Api).WithMany().HasForeignKey(d => d.ApiDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
