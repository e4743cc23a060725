using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Yarp.ReverseProxy.Configuration;

namespace ApiManager.Gateway.Tests.Runtime;

public sealed class SnapshotBuilderTests
{
    private static readonly DateTime BuiltAt = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_PrefixApi_RoutesPrefixAndEverythingBelow()
    {
        // Arrange
        var rows = new CatalogRows(7, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(3, "/shop/v1")]);

        // Act
        var snapshot = Build(rows);

        // Assert
        var route = Assert.Single(snapshot.RouteConfigs);
        Assert.Equal("api-3", route.RouteId);
        Assert.Equal("backend-1", route.ClusterId);
        Assert.Equal("/shop/v1/{**remainder}", route.Match.Path);
        Assert.Null(route.Match.Methods);
        Assert.Equal(SnapshotBuilder.AnonymousPolicy, route.AuthorizationPolicy);
        Assert.Equal(7, snapshot.Version);
        Assert.Equal(BuiltAt, snapshot.BuiltAt);
        Assert.Same(snapshot.Routes["api-3"], snapshot.Routes[route.RouteId]);
    }

    [Fact]
    public void Build_TemplateApi_MatchesTemplateAndNeverStrips()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(4, "/users/{id}/orders");
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(basePath: "/svc")], [api]);

        // Act
        var route = Assert.Single(Build(rows).RouteConfigs);

        // Assert
        Assert.Equal("/users/{id}/orders", route.Match.Path);
        Assert.DoesNotContain(route.Transforms!, t => t.ContainsKey("PathRemovePrefix"));
        Assert.Contains(route.Transforms!, t => t.TryGetValue("PathPrefix", out var prefix) && prefix == "/svc");
    }

    [Fact]
    public void Build_StripPathWithBasePath_RemovesPrefixThenPrependsBasePath()
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(basePath: "/internal/")], [CatalogRowsFactory.Api(1, "/shop/v1")]);

        // Act
        var transforms = Assert.Single(Build(rows).RouteConfigs).Transforms!;

        // Assert
        var remove = transforms.Select((t, i) => (t, i)).Single(x => x.t.ContainsKey("PathRemovePrefix"));
        var prefix = transforms.Select((t, i) => (t, i)).Single(x => x.t.ContainsKey("PathPrefix"));
        Assert.Equal("/shop/v1", remove.t["PathRemovePrefix"]);
        Assert.Equal("/internal", prefix.t["PathPrefix"]);
        Assert.True(remove.i < prefix.i);
        Assert.Contains(transforms, t => t.TryGetValue("RequestHeader", out var h) && h == "X-Forwarded-Prefix" && t["Set"] == "/shop/v1");
    }

    [Fact]
    public void Build_NoStripPathNoBasePath_LeavesPathAlone()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(1, "/shop");
        api.StripPath = false;
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [api]);

        // Act
        var transforms = Assert.Single(Build(rows).RouteConfigs).Transforms!;

        // Assert
        Assert.DoesNotContain(transforms, t => t.ContainsKey("PathRemovePrefix") || t.ContainsKey("PathPrefix"));
        Assert.Contains(transforms, t => t.TryGetValue("X-Forwarded", out var action) && action == "Set");
    }

    [Fact]
    public void Build_Backends_OneClusterPerBackendWithAddressAndTimeouts()
    {
        // Arrange
        var https = CatalogRowsFactory.Backend(2, host: "api.example.com", port: 8443);
        https.Protocol = BackendProtocol.Https;
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(1), https, CatalogRowsFactory.Backend(3, host: "::1", port: 81)], [CatalogRowsFactory.Api(1, "/a")]);

        // Act
        var clusters = Build(rows).ClusterConfigs;

        // Assert
        Assert.Equal(["backend-1", "backend-2", "backend-3"], clusters.Select(c => c.ClusterId));
        Assert.Equal("http://127.0.0.1:9000", Address(clusters[0]));
        Assert.Equal("https://api.example.com:8443", Address(clusters[1]));
        Assert.Equal("http://[::1]:81", Address(clusters[2]));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), clusters[0].HttpRequest!.ActivityTimeout);
        Assert.Equal("1500", clusters[0].Metadata![GatewayMetadataKeys.ConnectTimeoutMs]);
        Assert.Equal("3500", clusters[0].Metadata![GatewayMetadataKeys.WriteTimeoutMs]);
        Assert.Equal("2", clusters[0].Metadata![GatewayMetadataKeys.Retries]);
    }

    [Fact]
    public void Build_StatusAndFlags_CarriedIntoRouteInfo()
    {
        // Arrange
        var inactive = CatalogRowsFactory.Api(1, "/a");
        inactive.Status = ApiStatus.Inactive;
        var deprecated = CatalogRowsFactory.Api(2, "/b");
        deprecated.Status = ApiStatus.Deprecated;
        deprecated.IsPublic = true;
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [inactive, deprecated]);

        // Act
        var routes = Build(rows).Routes;

        // Assert
        Assert.Equal(ApiStatus.Inactive, routes["api-1"].Status);
        Assert.Null(routes["api-1"].DeprecationHeader);
        Assert.False(routes["api-1"].IsPublic);
        Assert.Equal(ApiStatus.Deprecated, routes["api-2"].Status);
        Assert.Equal("@" + new DateTimeOffset(CatalogRowsFactory.UpdatedAt).ToUnixTimeSeconds(), routes["api-2"].DeprecationHeader);
        Assert.True(routes["api-2"].IsPublic);
        Assert.Equal(1, routes["api-2"].BackendId);
    }

    [Fact]
    public void Build_Methods_CanonicalizedWithAllowHeader()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(1, "/a");
        api.Methods = ["get", "POST", "GET"];
        var open = CatalogRowsFactory.Api(2, "/b");
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [api, open]);

        // Act
        var routes = Build(rows).Routes;

        // Assert
        var info = routes["api-1"];
        Assert.Equal(["GET", "POST"], info.AllowedMethods);
        Assert.Equal("GET, POST", info.AllowHeader);
        Assert.True(info.AllowsMethod("GET"));
        Assert.False(info.AllowsMethod("DELETE"));
        Assert.False(info.AllowsMethod("get"));
        Assert.Null(routes["api-2"].AllowHeader);
        Assert.True(routes["api-2"].AllowsMethod("PATCH"));
    }

    [Fact]
    public void Build_InvalidPathRow_FailsNamingTheApi()
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(1, "/ok"), CatalogRowsFactory.Api(2, "/bad/{id")]);

        // Act
        var error = Assert.Throws<SnapshotBuildException>(() => Build(rows));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.Contains("api2", problem, StringComparison.Ordinal);
        Assert.Contains("/bad/{id", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingBackend_Fails()
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(1)], [CatalogRowsFactory.Api(1, "/a", backendId: 9)]);

        // Act
        var error = Assert.Throws<SnapshotBuildException>(() => Build(rows));

        // Assert
        Assert.Contains("backend 9 does not exist", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", 0)]
    [InlineData("127.0.0.1", 70000)]
    [InlineData("bad host", 80)]
    [InlineData("", 80)]
    public void Build_InvalidBackendRow_FailsOnceForBackendNotAgainForItsApis(string host, int port)
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend(1, host: host, port: port)], [CatalogRowsFactory.Api(1, "/a"), CatalogRowsFactory.Api(2, "/b")]);

        // Act
        var error = Assert.Throws<SnapshotBuildException>(() => Build(rows));

        // Assert
        Assert.StartsWith("Backend 'backend-1'", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/users/{id}", "/users/{userId}")]
    [InlineData("/Shop", "/shop/")]
    public void Build_ConflictingPaths_Fails(string first, string second)
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(1, first), CatalogRowsFactory.Api(2, second)]);

        // Act
        var error = Assert.Throws<SnapshotBuildException>(() => Build(rows));

        // Assert
        Assert.Contains("conflicts with API 'api1'", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PrefixAndTemplateWithSameShape_BothRouted()
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(1, "/users"), CatalogRowsFactory.Api(2, "/users/{id}")]);

        // Act
        var snapshot = Build(rows);

        // Assert
        Assert.Equal(2, snapshot.Routes.Count);
    }

    [Fact]
    public void Build_UnknownMethod_Fails()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(1, "/a");
        api.Methods = ["GET", "BREW COFFEE"];
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [api]);

        // Act
        var error = Assert.Throws<SnapshotBuildException>(() => Build(rows));

        // Assert
        Assert.Contains("BREW COFFEE", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EmptyCatalog_GivesEmptySnapshot()
    {
        // Arrange
        var rows = new CatalogRows(1, [], []);

        // Act
        var snapshot = Build(rows);

        // Assert
        Assert.Empty(snapshot.Routes);
        Assert.Empty(snapshot.RouteConfigs);
        Assert.Empty(snapshot.ClusterConfigs);
    }

    [Fact]
    public void Build_WithClients_IndexesThemCaseInsensitivelyWithGrants()
    {
        // Arrange
        var rows = new CatalogRows(
            1,
            [CatalogRowsFactory.Backend()],
            [CatalogRowsFactory.Api(3, "/shop")],
            [ClientRowsFactory.Client(5, "Shop-Client", 10)],
            [ClientRowsFactory.Group(10, 3)],
            []);

        // Act
        var snapshot = Build(rows);

        // Assert
        var client = snapshot.Clients.Clients["SHOP-client"];
        Assert.Equal(5, client.Id);
        Assert.Equal([10], client.Grants[3].Select(g => g.GroupId));
        Assert.Same(client, snapshot.Clients.ById[5]);
    }

    [Fact]
    public void Build_WithoutClientRows_HasEmptyClientCatalog()
    {
        // Act
        var snapshot = Build(new CatalogRows(1, [], []));

        // Assert
        Assert.Empty(snapshot.Clients.Clients);
    }

    private static GatewaySnapshot Build(CatalogRows rows) => SnapshotBuilder.Build(rows, BuiltAt, new GatewayMetrics());

    private static string Address(ClusterConfig cluster) => cluster.Destinations![SnapshotBuilder.DestinationId].Address;
}
