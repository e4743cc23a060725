using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class ApiPathTests
{
    [Theory]
    [InlineData("/shop/v1", "/shop/v1", "/shop/v1/{**remainder}")]
    [InlineData(" /shop/v1/ ", "/shop/v1", "/shop/v1/{**remainder}")]
    [InlineData("/", "/", "/{**remainder}")]
    public void TryParse_Prefix_NormalizedWithCatchAllPattern(string input, string normalized, string pattern)
    {
        // Act
        var ok = ApiPath.TryParse(input, out var path, out var error);

        // Assert
        Assert.True(ok, error);
        Assert.False(path!.IsTemplate);
        Assert.Equal(normalized, path.Normalized);
        Assert.Equal(pattern, path.RoutePattern);
    }

    [Fact]
    public void TryParse_Template_KeepsPatternAndParameters()
    {
        // Act
        var ok = ApiPath.TryParse("/users/{id}/orders/{orderId}", out var path, out _);

        // Assert
        Assert.True(ok);
        Assert.True(path!.IsTemplate);
        Assert.Equal("/users/{id}/orders/{orderId}", path.RoutePattern);
        Assert.Equal(["id", "orderId"], path.Parameters);
        Assert.Equal("/users/{}/orders/{}", path.Shape);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("shop", "start with '/'")]
    [InlineData("/a//b", "empty segments")]
    [InlineData("/users/{id", "not a valid parameter")]
    [InlineData("/users/id}", "not a valid parameter")]
    [InlineData("/users/x{id}", "not a valid parameter")]
    [InlineData("/users/{1d}", "not a valid parameter")]
    [InlineData("/a/{id}/b/{ID}", "more than once")]
    [InlineData("/a/b c", "not allowed")]
    [InlineData("/a/../b", "not allowed")]
    [InlineData("/healthz", "reserved")]
    [InlineData("/oauth/token", "reserved")]
    public void TryParse_Invalid_FailsWithReason(string input, string reason)
    {
        // Act
        var ok = ApiPath.TryParse(input, out var path, out var error);

        // Assert
        Assert.False(ok);
        Assert.Null(path);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooLong_Fails()
    {
        // Act
        var ok = ApiPath.TryParse("/" + new string('a', 500), out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains("500", error, StringComparison.Ordinal);
    }
}
