using ApiManager.Gateway.Apis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class ApiOperationConfiguration : IEntityTypeConfiguration<ApiOperation>
{
    public void Configure(EntityTypeBuilder<ApiOperation> builder)
    {
        builder.ToTable("ApiOperations");
        builder.Property(o => o.Method).HasMaxLength(16);
        builder.Property(o => o.Path).HasMaxLength(2048);
        builder.Property(o => o.OperationId).HasMaxLength(256);
        builder.Property(o => o.Summary).HasMaxLength(1024);
        builder.HasIndex(o => new { o.ApiDefinitionId, o.Method, o.Path }).IsUnique();
        builder.HasOne(o => o.Api).WithMany().HasForeignKey(o => o.ApiDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
