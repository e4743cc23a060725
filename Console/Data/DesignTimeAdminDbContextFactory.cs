using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ApiManager.Admin.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the web host.</summary>
internal sealed class DesignTimeAdminDbContextFactory : IDesignTimeDbContextFactory<AdminDbContext>
{
    public AdminDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AdminDbContext>();
        builder.UseApiManagerSqlite("Data Source=design.db", typeof(AdminDbContext).Assembly.GetName().Name!, AdminDbContext.HistoryTable);
        return new AdminDbContext(builder.Options);
    }
}
