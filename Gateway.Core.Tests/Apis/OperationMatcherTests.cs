using ApiManager.Gateway.Apis;

namespace ApiManager.Gateway.Tests.Apis;

public sealed class OperationMatcherTests
{
    private static readonly OperationMatcher Matcher = OperationMatcher.Compile(
    [
        Operation("GET", "/pets"),
        Operation("POST", "/pets"),
        Operation("GET", "/pets/{petId}"),
        Operation("DELETE", "/pets/{petId}"),
        Operation("GET", "/pets/mine"),
        Operation("GET", "/pets/{petId}/photos/{photoId}"),
        Operation("GET", "/"),
    ])!;

    [Theory]
    [InlineData("/pets", "GET, POST")]
    [InlineData("/pets/7", "GET, DELETE")]
    [InlineData("/pets/mine", "GET")]
    [InlineData("/pets/7/photos/2", "GET")]
    [InlineData("", "GET")]
    [InlineData("/", "GET")]
    public void Match_KnownPath_ReturnsItsTemplate(string path, string allow)
    {
        // Act
        var template = Matcher.Match(path);

        // Assert
        Assert.NotNull(template);
        Assert.Equal(allow, template.AllowHeader);
    }

    [Theory]
    [InlineData("/Pets")]
    [InlineData("/pets/7/photos")]
    [InlineData("/pets//photos/2")]
    [InlineData("/pets/7/photos/2/extra")]
    [InlineData("/owners")]
    [InlineData("/pets/")]
    public void Match_UnknownPath_ReturnsNull(string path)
    {
        // Act
        var template = Matcher.Match(path);

        // Assert
        Assert.Null(template);
    }

    [Fact]
    public void Allows_MethodOfTemplate_TrueOtherFalse()
    {
        // Arrange
        var template = Matcher.Match("/pets/7")!;

        // Act
        var delete = template.Allows("DELETE");
        var post = template.Allows("POST");

        // Assert
        Assert.True(delete);
        Assert.False(post);
    }

    [Fact]
    public void Compile_NoOperations_ReturnsNull()
    {
        // Act
        var matcher = OperationMatcher.Compile([]);

        // Assert
        Assert.Null(matcher);
    }

    [Fact]
    public void Compile_SamePathTwiceWithTrailingSlash_MergesMethodsIntoOneTemplate()
    {
        // Act
        var matcher = OperationMatcher.Compile([Operation("get", "/orders"), Operation("PUT", "/orders/"), Operation("GET", "/orders")])!;

        // Assert
        Assert.Equal(1, matcher.TemplateCount);
        Assert.Equal("GET, PUT", matcher.Match("/orders")!.AllowHeader);
    }

    [Fact]
    public void Match_KnownPath_DoesNotAllocate()
    {
        // Arrange
        Matcher.Match("/pets/7/photos/2");
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        for (var i = 0; i < 100; i++)
        {
            Matcher.Match("/pets/7/photos/2");
            Matcher.Match("/owners/1");
        }

        // Assert
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static ApiOperation Operation(string method, string path) => new() { Method = method, Path = path };
}
