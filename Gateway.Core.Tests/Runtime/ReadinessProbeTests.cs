using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Tests.Runtime;

public sealed class ReadinessProbeTests
{
    [Fact]
    public async Task CheckAsync_DatabaseUpAndSnapshotLoaded_Ready()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using var parts = new RuntimeParts(new CatalogRows(1, [], []));
        parts.Provider.GetConfig();
        var probe = new ReadinessProbe(database.Factory, parts.Provider);

        // Act
        var reason = await probe.CheckAsync(ct);

        // Assert
        Assert.Null(reason);
    }

    [Fact]
    public async Task CheckAsync_NoSnapshotYet_NotReady()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync(ct);
        using var parts = new RuntimeParts(new CatalogRows(1, [], []));
        var probe = new ReadinessProbe(database.Factory, parts.Provider);

        // Act
        var reason = await probe.CheckAsync(ct);

        // Assert
        Assert.Contains("snapshot", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_DatabaseUnreachable_NotReadyWithReason()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var parts = new RuntimeParts(new CatalogRows(1, [], []));
        parts.Provider.GetConfig();
        var missingFolder = Path.Combine(Path.GetTempPath(), "apimanager-missing-" + Guid.NewGuid().ToString("N"), "x.db");
        var probe = new ReadinessProbe(new UnreachableFactory(missingFolder), parts.Provider);

        // Act
        var reason = await probe.CheckAsync(ct);

        // Assert
        Assert.StartsWith("The database is not reachable", reason, StringComparison.Ordinal);
    }

    private sealed class UnreachableFactory(string path) : IDbContextFactory<GatewayDbContext>
    {
        public GatewayDbContext CreateDbContext()
        {
            var builder = new DbContextOptionsBuilder<GatewayDbContext>();
            builder.UseSqlite($"Data Source={path};Mode=ReadWrite");
            return new GatewayDbContext(builder.Options);
        }
    }
}
