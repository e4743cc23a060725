using Yarp.ReverseProxy.Configuration;

// Bare YARP: one route, one cluster, no policies; the yardstick the product's public route is compared with.
var backend = args.Length > 0 ? args[0] : "http://127.0.0.1:9100/";
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "bench", ClusterId = "backend", Match = new RouteMatch { Path = "/bench/{**remainder}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = backend } } }]);
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
