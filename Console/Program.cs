var builder = WebApplication.CreateBuilder(args);
builder.AddAdminConsole();

var app = builder.Build();
await app.InitializeDatabaseAsync(app.Lifetime.ApplicationStopping);
app.MapGateway();
app.MapAdminConsole();

await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
