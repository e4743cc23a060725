using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ApiManager.Gateway.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the web host.</summary>
internal sealed class DesignTimeGatewayDbContextFactory : IDesignTimeDbContextFactory<GatewayDbContext>
{
    public GatewayDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GatewayDbContext>();
        builder.UseApiManagerSqlite("Data Source=design.db", typeof(GatewayDbContext).Assembly.GetName().Name!, GatewayDbContextHistory.TableName);
        return new GatewayDbContext(builder.Options);
    }
}

/// <summary>The gateway context's migrations history table (the admin context has its own).</summary>
public static class GatewayDbContextHistory
{
    public const string TableName = "__GatewayMigrationsHistory";
}
