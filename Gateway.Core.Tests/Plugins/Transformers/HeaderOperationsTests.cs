using ApiManager.Gateway.Plugins.Transformers;
using Microsoft.AspNetCore.Http;

namespace ApiManager.Gateway.Tests.Plugins.Transformers;

/// <summary>Header rules apply in Kong's order: remove, rename, replace (if present), add (if absent), append (always).</summary>
public sealed class HeaderOperationsTests
{
    [Fact]
    public void Apply_EachStepAlone_KongSemantics()
    {
        // Arrange
        var headers = new HeaderDictionary { ["X-Gone"] = "1", ["X-Old"] = "o", ["X-Present"] = "p", ["X-Kept"] = "k", ["X-Multi"] = "a" };
        var operations = new HeaderOperations(
            remove: ["x-gone", "X-Never"],
            rename: [new("X-Old", "X-New"), new("X-Missing", "X-Other")],
            replace: [new("X-Present", "replaced"), new("X-Absent", "no")],
            add: [new("X-Kept", "not-added"), new("X-Added", "added")],
            append: [new("X-Multi", "b"), new("X-Fresh", "f")]);

        // Act
        operations.Apply(headers);

        // Assert
        Assert.False(headers.ContainsKey("X-Gone"));
        Assert.False(headers.ContainsKey("X-Old"));
        Assert.Equal("o", headers["X-New"]);
        Assert.False(headers.ContainsKey("X-Other"));
        Assert.Equal("replaced", headers["X-Present"]);
        Assert.False(headers.ContainsKey("X-Absent"));
        Assert.Equal("k", headers["X-Kept"]);
        Assert.Equal("added", headers["X-Added"]);
        Assert.Equal(["a", "b"], headers["X-Multi"].ToArray());
        Assert.Equal("f", headers["X-Fresh"]);
    }

    [Fact]
    public void Apply_StepsInterplay_LaterStepsSeeEarlierResults()
    {
        // Arrange: every rule names the same header, so the order decides the outcome.
        var headers = new HeaderDictionary { ["X-A"] = "original", ["X-B"] = "b" };
        var operations = new HeaderOperations(
            remove: ["X-B"],
            rename: [new("X-A", "X-B")],
            replace: [new("X-B", "replaced"), new("X-A", "never")],
            add: [new("X-A", "re-added"), new("X-B", "not-added")],
            append: [new("X-A", "appended")]);

        // Act
        operations.Apply(headers);

        // Assert: X-B was removed, then X-A renamed to it, then replaced; X-A was gone, so add re-created it.
        Assert.Equal("replaced", headers["X-B"]);
        Assert.Equal(["re-added", "appended"], headers["X-A"].ToArray());
    }

    [Fact]
    public void Apply_RenameOntoExistingHeader_OverwritesIt()
    {
        // Arrange
        var headers = new HeaderDictionary { ["X-From"] = "new", ["X-To"] = "old" };
        var operations = new HeaderOperations([], [new("X-From", "X-To")], [], [], []);

        // Act
        operations.Apply(headers);

        // Assert
        Assert.Equal("new", headers["X-To"]);
        Assert.False(headers.ContainsKey("X-From"));
    }
}
