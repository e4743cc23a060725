using ApiManager.Admin.Model;
using ApiManager.Gateway.Clients;

namespace ApiManager.Admin.Tests.Model;

public sealed class ClientFormTests
{
    [Fact]
    public void FromAndToInput_DatesTimesAndBindings_RoundTrip()
    {
        // Arrange
        var client = new ApiClient
        {
            Id = 7,
            ClientId = "c",
            ClientName = "c",
            DisplayName = "C",
            PasswordHash = "hash-value",
            Note = "n",
            StartDate = new DateOnly(2026, 1, 2),
            ExpiryDate = new DateOnly(2026, 12, 31),
            ServiceStartTime = new TimeOnly(22, 30),
            ServiceEndTime = new TimeOnly(6, 15),
            IpBindings = [new ClientIpBinding { Id = 2, HostName = "b.example.com", IpAddress = "10.0.0.2" }, new ClientIpBinding { Id = 1, HostName = "a.example.com", IpAddress = "10.0.0.1" }],
        };

        // Act
        var form = ClientForm.From(client);
        var input = form.ToInput();

        // Assert
        Assert.Null(form.Password);
        Assert.Equal(new DateOnly(2026, 1, 2), input.StartDate);
        Assert.Equal(new DateOnly(2026, 12, 31), input.ExpiryDate);
        Assert.Equal(new TimeOnly(22, 30), input.ServiceStartTime);
        Assert.Equal(new TimeOnly(6, 15), input.ServiceEndTime);
        Assert.Equal(["a.example.com", "b.example.com"], input.IpBindings.Select(b => b.HostName));
        Assert.Equal(client.ConcurrencyStamp, input.ConcurrencyStamp);
    }

    [Fact]
    public void ToInput_EmptyOptionalDatesAndTimes_StayNull()
    {
        // Arrange
        var form = new ClientForm { ClientId = "x" };

        // Act
        var input = form.ToInput();

        // Assert
        Assert.Null(input.StartDate);
        Assert.Null(input.ServiceStartTime);
        Assert.Equal(ApiClient.DefaultTpsPerNode, input.TpsPerNode);
        Assert.Equal(ApiClient.DefaultPriority, input.Priority);
        Assert.Equal(QuotaResetPeriod.Daily, input.QuotaResetPeriod);
    }

    [Theory]
    [InlineData("Taipei", "Asia/Taipei")]
    [InlineData("utc", "UTC")]
    public void SearchTimeZones_Keyword_FindsZone(string keyword, string expected)
    {
        // Act
        var zones = ClientEditViewModel.SearchTimeZones(keyword);

        // Assert
        Assert.Contains(expected, zones);
    }
}
