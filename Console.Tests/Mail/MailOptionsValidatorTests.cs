using ApiManager.Gateway.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiManager.Admin.Tests.Mail;

public sealed class MailOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Arrange
        var validator = new MailOptionsValidator();

        // Act
        var result = validator.Validate(null, new MailOptions());

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryError()
    {
        // Arrange
        var options = new MailOptions
        {
            Host = "smtp.example.com",
            Port = 70000,
            TlsMode = "Sometimes",
            SenderAddress = "not an address",
            MaxAttempts = 0,
            PollIntervalSeconds = 0,
        };

        // Act
        var result = new MailOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Mail:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mail:TlsMode 'Sometimes'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mail:SenderAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mail:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mail:PollIntervalSeconds", StringComparison.Ordinal));
        Assert.Equal(5, failures.Count);
    }

    [Theory]
    [InlineData("None", MailTlsMode.None)]
    [InlineData("starttls", MailTlsMode.StartTls)]
    [InlineData("StartTlsWhenAvailable", MailTlsMode.StartTlsWhenAvailable)]
    [InlineData("SslOnConnect", MailTlsMode.SslOnConnect)]
    public void TryGetTlsMode_KnownName_Parsed(string text, MailTlsMode expected)
    {
        // Arrange
        var options = new MailOptions { TlsMode = text };

        // Act
        var ok = options.TryGetTlsMode(out var mode);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("Auto")]
    public void TryGetTlsMode_NumberOrUnknown_Refused(string text)
    {
        // Arrange
        var options = new MailOptions { TlsMode = text };

        // Act
        var ok = options.TryGetTlsMode(out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(10, 3600)]
    [InlineData(1000, 3600)]
    public void RetryDelay_Attempt_DoublesAndIsCapped(int attempt, int expectedSeconds)
    {
        // Arrange
        var options = new MailOptions { RetryBaseDelaySeconds = 30, RetryMaxDelaySeconds = 3600 };

        // Act
        var delay = options.RetryDelay(attempt);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Fact]
    public void OptionsMonitor_BadSection_ThrowsWithAllErrors()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Port"] = "0",
            ["Mail:TlsMode"] = "Bogus",
            ["Mail:SenderAddress"] = "@",
        }).Build();
        using var services = new ServiceCollection().AddMailOutbox(configuration).BuildServiceProvider();

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MailOptions>>().Value);

        // Assert
        Assert.Equal(3, ex.Failures.Count());
    }
}
