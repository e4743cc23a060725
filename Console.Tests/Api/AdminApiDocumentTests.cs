using System.Net;
using ApiManager.Admin.Tests.Shared;
using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Api;

public sealed class AdminApiDocumentTests(ApiAppFactory factory) : IClassFixture<ApiAppFactory>
{
    [Fact]
    public async Task OpenApi_Anonymous_ListsEveryAdminEndpointAndBearerScheme()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.GetAsync("/admin/api/v1/openapi.json", TestContext.Current.CancellationToken);
        var document = await response.ReadJsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/api/v1/backends", paths);
        Assert.Contains("/admin/api/v1/backends/{id}", paths);
        Assert.Contains("/admin/api/v1/apis", paths);
        Assert.Contains("/admin/api/v1/apis/{id}", paths);
        Assert.Contains("/admin/api/v1/audit", paths);
        Assert.Contains("/admin/api/v1/tokens", paths);
        Assert.All(paths, p => Assert.StartsWith("/admin/api/v1/", p, StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task OpenApi_CreateBackend_DescribesRequestAndResponseSchemas()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);

        // Act
        using var response = await client.GetAsync("/admin/api/v1/openapi.json", TestContext.Current.CancellationToken);
        var document = await response.ReadJsonAsync();

        // Assert
        var post = document.GetProperty("paths").GetProperty("/admin/api/v1/backends").GetProperty("post");
        Assert.Contains("BackendInput", post.GetProperty("requestBody").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("BackendResponse", post.GetProperty("responses").GetProperty("201").GetRawText(), StringComparison.Ordinal);
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        var protocol = document.GetProperty("components").GetProperty("schemas").GetProperty("BackendProtocol").GetRawText();
        Assert.Contains("\"https\"", protocol, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/api/v1/nothing-here")]
    [InlineData("/admin/api/v1/backends/not-a-number")]
    [InlineData("/admin/api/v2/backends")]
    public async Task UnknownPath_UnderApi_Returns404Problem(string path)
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);

        // Act
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task WrongMethod_OnApiPath_Returns405Problem()
    {
        // Arrange
        using var client = factory.CreateClient(factory.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/admin/api/v1/backends");

        // Act
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(405);
    }

    [Fact]
    public void Endpoints_UnderApi_AnswerOnConsoleListenerOnly()
    {
        // Arrange
        var dataSource = factory.Services.GetRequiredService<EndpointDataSource>();

        // Act
        var endpoints = dataSource.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/admin/api", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        // Assert
        Assert.True(endpoints.Count >= 12);
        Assert.All(endpoints, e =>
        {
            var listeners = e.Metadata.GetMetadata<ListenerMetadata>();
            Assert.True(listeners is null || (listeners.Allows(ListenerKind.Console) && !listeners.Allows(ListenerKind.Gateway)), e.DisplayName);
        });
    }

    [Fact]
    public async Task Get_NoTokenBrowserAccept_StillReturnsProblemJson()
    {
        // Arrange
        using var client = factory.CreateClient(token: null);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // Act
        using var response = await client.GetAsync("/admin/api/v1/backends", TestContext.Current.CancellationToken);

        // Assert
        await response.ReadProblemAsync(401);
    }
}
