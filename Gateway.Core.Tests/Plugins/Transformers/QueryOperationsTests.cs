using ApiManager.Gateway.Plugins.Transformers;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>Query rules rewrite the forwarded query string in Kong's order, keeping untouched parameters as sent.</summary>
public sealed class QueryOperationsTests
{
    [Theory]
    [InlineData("?a=1&secret=s&b=2", "?a=1&b=2")]
    [InlineData("?secret=s", "")]
    [InlineData("", "")]
    public void Apply_Remove_DropsEveryOccurrence(string query, string expected)
    {
        // Arrange
        var test = new EdgeTestContext(query: query);
        var operations = new QueryOperations(["secret"], [], [], [], []);

        // Act
        operations.Apply(test.Context.Request);

        // Assert
        Assert.Equal(expected, test.Context.Request.QueryString.Value ?? "");
    }

    [Fact]
    public void Apply_AllSteps_KongOrderAndEncoding()
    {
        // Arrange
        var test = new EdgeTestContext(query: "?old=v%20w&page=1&page=2&keep=a+b&flag");
        var operations = new QueryOperations(
            remove: ["flag"],
            rename: [new("old", "new")],
            replace: [new("page", "9"), new("missing", "x")],
            add: [new("keep", "no"), new("lang", "zh tw")],
            append: [new("page", "10"), new("new", "&=")]);

        // Act
        operations.Apply(test.Context.Request);

        // Assert
        Assert.Equal("?new=v%20w&page=9&keep=a+b&lang=zh%20tw&page=10&new=%26%3D", test.Context.Request.QueryString.Value);
    }

    [Fact]
    public void Apply_NamesCompareDecodedAndCaseSensitive()
    {
        // Arrange
        var test = new EdgeTestContext(query: "?my%20key=1&Key=2");
        var operations = new QueryOperations(["my key", "key"], [], [], [], []);

        // Act
        operations.Apply(test.Context.Request);

        // Assert
        Assert.Equal("?Key=2", test.Context.Request.QueryString.Value);
    }
}
