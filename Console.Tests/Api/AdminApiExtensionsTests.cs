using ApiManager.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Admin.Tests.Api;

public sealed class AdminApiExtensionsTests
{
    [Theory]
    [InlineData("/admin/api/v1/backends", true)]
    [InlineData("/ADMIN/API/v1/apis", true)]
    [InlineData("/admin/apis", false)]
    [InlineData("/backends", false)]
    public void IsAdminApiRequest_ConsoleListener_MatchesApiPathsOnly(string path, bool expected)
    {
        // Arrange
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Features.Set<IListenerFeature>(ListenerFeature.Console);

        // Act
        var result = AdminApiExtensions.IsAdminApiRequest(context);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void IsAdminApiRequest_GatewayListener_IsFalse()
    {
        // Arrange
        var context = new DefaultHttpContext();
        context.Request.Path = "/admin/api/v1/backends";
        context.Features.Set<IListenerFeature>(ListenerFeature.Gateway);

        // Act
        var result = AdminApiExtensions.IsAdminApiRequest(context);

        // Assert
        Assert.False(result);
    }
}
