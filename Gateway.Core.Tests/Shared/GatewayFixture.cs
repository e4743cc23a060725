namespace ApiManager.Gateway.Tests.Shared;

/// <summary>One gateway host and one backend shared by a test class; each test creates APIs under its own paths.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private int _names;

    internal GatewayHost Host { get; private set; } = null!;

    internal TestBackend Backend { get; private set; } = null!;

    /// <summary>The id of a backend record pointing at <see cref="Backend"/>.</summary>
    internal int BackendId { get; private set; }

    /// <summary>A name no other test of the class uses.</summary>
    internal string UniqueName(string stem) => $"{stem}-{Interlocked.Increment(ref _names)}";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Backend = await TestBackend.StartAsync("main", cancellationToken);
        Host = await GatewayHost.StartAsync(cancellationToken);
        BackendId = (await Host.CreateBackendAsync("main", Backend.Port, cancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
