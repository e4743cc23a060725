using ApiManager.Gateway.CallLog;

namespace ApiManager.Gateway.Tests.CallLog;

public sealed class QueryRedactorTests
{
    [Theory]
    [InlineData("?apikey=abc&page=2", "?apikey=***&page=2")]
    [InlineData("?page=2&ACCESS_TOKEN=abc", "?page=2&ACCESS_TOKEN=***")]
    [InlineData("?api%5Fkey=abc", "?api%5Fkey=***")]
    [InlineData("?code=1&state=x&client_secret=s&password=p", "?code=***&state=x&client_secret=***&password=***")]
    [InlineData("?token=a&token=b", "?token=***&token=***")]
    [InlineData("?jwt=a.b.c&refresh_token=r&secret=s&key=k&api_key=q", "?jwt=***&refresh_token=***&secret=***&key=***&api_key=***")]
    public void Redact_SecretParameters_ValuesMasked(string query, string expected)
    {
        // Act
        var redacted = QueryRedactor.Redact(query);

        // Assert
        Assert.Equal(expected, redacted);
    }

    [Theory]
    [InlineData("?page=2&sort=name")]
    [InlineData("?apikey=")]
    [InlineData("?apikey")]
    [InlineData("?&&")]
    [InlineData("?keyword=apikey")]
    public void Redact_NothingSecret_SameInstance(string query)
    {
        // Act
        var redacted = QueryRedactor.Redact(query);

        // Assert
        Assert.Same(query, redacted);
    }

    [Fact]
    public void Redact_ApiKeyNames_Masked()
    {
        // Act
        var redacted = QueryRedactor.Redact("?x-partner-key=abc&page=1&MyJwt=t", ["x-partner-key"], ["myjwt"]);

        // Assert
        Assert.Equal("?x-partner-key=***&page=1&MyJwt=***", redacted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Redact_Empty_Unchanged(string? query)
    {
        // Act & Assert
        Assert.Equal(query, QueryRedactor.Redact(query));
    }
}
