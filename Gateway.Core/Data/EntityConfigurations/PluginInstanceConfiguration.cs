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
        // One instance per type and target. SQLite treats NULLs as distinct, so a composite index over the three nullable
        // target columns never fires: one filtered unique index per scope instead.
        builder.HasIndex(p => p.Type, "IX_Plugins_Type_Global").IsUnique().HasFilter("\"Scope\" = 'Global'");
        builder.HasIndex(p => new { p.Type, p.BackendId }, "IX_Plugins_Type_BackendId").IsUnique().HasFilter("\"BackendId\" IS NOT NULL");
        builder.HasIndex(p => new { p.Type, p.ApiId }, "IX_Plugins_Type_ApiId").IsUnique().HasFilter("\"ApiId\" IS NOT NULL");
        builder.HasIndex(p => new { p.Type, p.ClientId }, "IX_Plugins_Type_ClientId").IsUnique().HasFilter("\"ClientId\" IS NOT NULL");
        builder.HasOne<Backend>().WithMany().HasForeignKey(p => p.BackendId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiDefinition>().WithMany().HasForeignKey(p => p.ApiId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiClient>().WithMany().HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
