using ApiManager.Admin.Components.Pages.Plugins;

namespace ApiManager.Admin.Tests.Components.Plugins;

public sealed class PluginTextTests
{
    [Theory]
    [InlineData("""{"allow":[],"deny":["10.0.0.0/8","::1"],"status":403,"message":null}""", "deny: 10.0.0.0/8, ::1 · status: 403")]
    [InlineData("""{"allow":[],"message":""}""", "defaults")]
    [InlineData("not json", "")]
    public void Summary_Configuration_SetFieldsOnOneLine(string configuration, string expected)
    {
        // Act
        var summary = PluginText.Summary(configuration);

        // Assert
        Assert.Equal(expected, summary);
    }

    [Fact]
    public void Summary_Long_CutWithEllipsis()
    {
        // Act
        var summary = PluginText.Summary($$"""{"message":"{{new string('m', 300)}}"}""");

        // Assert
        Assert.Equal(PluginText.SummaryLength, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEditor_WithSecretField_IndentedWithoutSecret()
    {
        // Act
        var text = PluginText.ForEditor("""{"username":"u","password":"********"}""", "password");

        // Assert
        Assert.Equal("{\n  \"username\": \"u\"\n}", text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("""{"username":"u"}""", "s3cret", "s3cret")]
    [InlineData("""{"username":"u"}""", "", null)]
    [InlineData("not json", "s3cret", null)]
    public void WithSecret_TypedSecret_AddedToObjectOnly(string configuration, string secret, string? expectedSecret)
    {
        // Act
        var text = PluginText.WithSecret(configuration, "password", secret);

        // Assert
        if (expectedSecret is null)
        {
            Assert.Equal(configuration, text);
        }
        else
        {
            Assert.Contains($"\"password\": \"{expectedSecret}\"", text, StringComparison.Ordinal);
        }
    }
}
