// The benchmark's backend: a fixed small JSON body, as cheap as Kestrel allows.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = "{\"ok\":true,\"service\":\"bench-backend\"}"u8.ToArray();
app.Run(async context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
});
await app.RunAsync();
