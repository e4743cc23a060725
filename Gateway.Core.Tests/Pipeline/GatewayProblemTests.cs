using System.Text;
using System.Text.Json;
using ApiManager.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Tests.Pipeline;

public sealed class GatewayProblemTests
{
    [Fact]
    public void Serialize_Error_WritesEveryProblemField()
    {
        // Act
        var json = Encoding.UTF8.GetString(GatewayProblem.Serialize(GatewayError.ApiInactive, "rid-1"));

        // Assert
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("urn:apimanager:problem:api_inactive", root.GetProperty("type").GetString());
        Assert.Equal("Service Unavailable", root.GetProperty("title").GetString());
        Assert.Equal(503, root.GetProperty("status").GetInt32());
        Assert.Equal(GatewayError.ApiInactive.Detail, root.GetProperty("detail").GetString());
        Assert.Equal("api_inactive", root.GetProperty("code").GetString());
        Assert.Equal("rid-1", root.GetProperty("requestId").GetString());
    }

    [Fact]
    public void Serialize_RequestIdNeedingEscape_StaysValidJson()
    {
        // Act
        var json = Encoding.UTF8.GetString(GatewayProblem.Serialize(GatewayError.BadGateway, "a\"b<c>"));

        // Assert
        using var document = JsonDocument.Parse(json);
        Assert.Equal("a\"b<c>", document.RootElement.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task WriteAsync_FreshResponse_SetsStatusContentTypeLengthAndRequestId()
    {
        // Arrange
        var context = new DefaultHttpContext { TraceIdentifier = "rid-9" };
        using var body = new MemoryStream();
        context.Response.Body = body;

        // Act
        await GatewayProblem.WriteAsync(context, GatewayError.RouteNotFound);

        // Assert
        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("rid-9", context.Response.Headers[RequestIds.HeaderName]);
        Assert.Equal(body.Length, context.Response.ContentLength);
        using var document = JsonDocument.Parse(body.ToArray());
        Assert.Equal("route_not_found", document.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(ForwarderError.Request, "bad_gateway")]
    [InlineData(ForwarderError.RequestCreation, "bad_gateway")]
    [InlineData(ForwarderError.ResponseHeaders, "bad_gateway")]
    [InlineData(ForwarderError.RequestTimedOut, "gateway_timeout")]
    [InlineData(ForwarderError.NoAvailableDestinations, "backend_unavailable")]
    [InlineData(ForwarderError.RequestBodyClient, "bad_request")]
    [InlineData(ForwarderError.RequestCanceled, null)]
    [InlineData(ForwarderError.ResponseBodyClient, null)]
    public void ErrorFor_ForwarderError_MapsToProblemCode(ForwarderError error, string? code)
    {
        // Act
        var problem = ApiPolicyMiddleware.ErrorFor(error);

        // Assert
        Assert.Equal(code, problem?.Code);
    }
}
