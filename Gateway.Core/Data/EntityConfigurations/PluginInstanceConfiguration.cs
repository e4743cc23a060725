using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApiManager.Gateway.Data.EntityConfigurations;

internal sealed class PluginInstanceConfiguration : IEntityTypeConfiguration<PluginInstance>
{
    public void Configure(EntityTypeBuilder<PluginInstance> builder)
    {
        builder.ToTable("Plugins");
        builder.Property(p => p.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(p => p.ScopeId);
        // One instance per type and target; SQLite treats NULLs as distinct, so global uniqueness is checked by the service.
        builder.HasIndex(p => new { p.Type, p.Scope, p.BackendId, p.ApiId, p.ClientId }).IsUnique();
        builder.HasOne<Backend>().WithMany().HasForeignKey(p => p.BackendId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiDefinition>().WithMany().HasForeignKey(p => p.ApiId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiClient>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
