using ApiManager.Gateway.Common;
using ApiManager.Gateway.Upstreams;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>Health-check settings: Kong's defaults and every field's bad input, with field keys like <c>healthchecks.active.healthy.interval</c>.</summary>
public sealed class HealthchecksValidationTests
{
    [Fact]
    public void Validate_NoHealthchecks_KongDefaults()
    {
        // Arrange
        var errors = new ValidationErrors();

        // Act
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u" }, errors).Healthchecks!;

        // Assert
        Assert.True(errors.IsEmpty);
        var active = result.Active;
        Assert.Equal("http", active.Type);
        Assert.Equal("/", active.HttpPath);
        Assert.Equal(1, active.Timeout);
        Assert.Equal(10, active.Concurrency);
        Assert.True(active.HttpsVerifyCertificate);
        Assert.Empty(active.Headers);
        Assert.Equal(0, active.Healthy.Interval);
        Assert.Equal([200, 302], active.Healthy.HttpStatuses);
        Assert.Equal(0, active.Healthy.Successes);
        Assert.Equal(0, active.Unhealthy.Interval);
        Assert.Equal([429, 404, 500, 501, 502, 503, 504, 505], active.Unhealthy.HttpStatuses);
        Assert.Equal((0, 0, 0), (active.Unhealthy.TcpFailures, active.Unhealthy.Timeouts, active.Unhealthy.HttpFailures));
        var passive = result.Passive;
        Assert.Equal("http", passive.Type);
        Assert.Equal([200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308], passive.Healthy.HttpStatuses);
        Assert.Equal(0, passive.Healthy.Successes);
        Assert.Equal([429, 500, 503], passive.Unhealthy.HttpStatuses);
        Assert.Equal((0, 0, 0), (passive.Unhealthy.TcpFailures, passive.Unhealthy.Timeouts, passive.Unhealthy.HttpFailures));
    }

    [Fact]
    public void Validate_FullValidSettings_KeptNormalized()
    {
        // Arrange
        var errors = new ValidationErrors();
        var input = new UpstreamHealthchecks
        {
            Active = new ActiveHealthcheck
            {
                Type = " TCP ",
                HttpPath = "/health?deep=1",
                Timeout = 0.2,
                Concurrency = 3,
                HttpsVerifyCertificate = false,
                Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Probe"] = ["a", "b"] },
                Healthy = new ActiveHealthy { Interval = 0.1, HttpStatuses = [200, 200, 204], Successes = 2 },
                Unhealthy = new ActiveUnhealthy { Interval = 0.05, HttpStatuses = [500], TcpFailures = 1, Timeouts = 3, HttpFailures = 255 },
            },
            Passive = new PassiveHealthcheck { Type = "tcp", Unhealthy = new PassiveUnhealthy { TcpFailures = 2 } },
        };

        // Act
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u", Healthchecks = input }, errors).Healthchecks!;

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal("tcp", result.Active.Type);
        Assert.Equal("/health?deep=1", result.Active.HttpPath);
        Assert.Equal(0.2, result.Active.Timeout);
        Assert.Equal([200, 204], result.Active.Healthy.HttpStatuses);
        Assert.Equal(["a", "b"], result.Active.Headers["x-probe"]);
        Assert.Equal(0.05, result.Active.Unhealthy.Interval);
        Assert.Equal("tcp", result.Passive.Type);
        Assert.Equal(2, result.Passive.Unhealthy.TcpFailures);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "active.type", "healthchecks.active.type" },
        { "active.httpPath", "healthchecks.active.httpPath" },
        { "active.timeout.zero", "healthchecks.active.timeout" },
        { "active.timeout.negative", "healthchecks.active.timeout" },
        { "active.concurrency", "healthchecks.active.concurrency" },
        { "active.headers.name", "healthchecks.active.headers" },
        { "active.headers.value", "healthchecks.active.headers" },
        { "active.healthy.interval", "healthchecks.active.healthy.interval" },
        { "active.healthy.httpStatuses", "healthchecks.active.healthy.httpStatuses" },
        { "active.healthy.successes", "healthchecks.active.healthy.successes" },
        { "active.unhealthy.interval", "healthchecks.active.unhealthy.interval" },
        { "active.unhealthy.httpStatuses", "healthchecks.active.unhealthy.httpStatuses" },
        { "active.unhealthy.tcpFailures", "healthchecks.active.unhealthy.tcpFailures" },
        { "active.unhealthy.timeouts", "healthchecks.active.unhealthy.timeouts" },
        { "active.unhealthy.httpFailures", "healthchecks.active.unhealthy.httpFailures" },
        { "passive.type", "healthchecks.passive.type" },
        { "passive.healthy.httpStatuses", "healthchecks.passive.healthy.httpStatuses" },
        { "passive.healthy.successes", "healthchecks.passive.healthy.successes" },
        { "passive.unhealthy.httpStatuses", "healthchecks.passive.unhealthy.httpStatuses" },
        { "passive.unhealthy.tcpFailures", "healthchecks.passive.unhealthy.tcpFailures" },
        { "passive.unhealthy.timeouts", "healthchecks.passive.unhealthy.timeouts" },
        { "passive.unhealthy.httpFailures", "healthchecks.passive.unhealthy.httpFailures" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadField_OnlyThatFieldError(string mutation, string field)
    {
        // Arrange
        var errors = new ValidationErrors();
        var input = new UpstreamInput { Name = "u", Healthchecks = Bad(mutation) };

        // Act
        UpstreamService.Validate(input, errors);

        // Assert
        var ex = Assert.Throws<ServiceValidationException>(errors.ThrowIfAny);
        Assert.Equal([field], ex.Errors.Keys);
    }

    [Fact]
    public void Validate_NullParts_ReadAsDefaults()
    {
        // Arrange
        var errors = new ValidationErrors();
        var input = new UpstreamHealthchecks { Active = null!, Passive = new PassiveHealthcheck { Healthy = null!, Unhealthy = null! } };

        // Act
        var result = UpstreamService.Validate(new UpstreamInput { Name = "u", Healthchecks = input }, errors).Healthchecks!;

        // Assert
        Assert.True(errors.IsEmpty);
        Assert.Equal(new ActiveHealthcheck().Unhealthy.HttpStatuses, result.Active.Unhealthy.HttpStatuses);
        Assert.Equal([429, 500, 503], result.Passive.Unhealthy.HttpStatuses);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEverySetting()
    {
        // Arrange
        var settings = UpstreamService.Validate(new UpstreamInput { Name = "u", Healthchecks = Bad("none") }, new ValidationErrors()).Healthchecks!;

        // Act
        var read = UpstreamHealthchecksJson.Deserialize(UpstreamHealthchecksJson.Serialize(settings));

        // Assert
        Assert.Equal(UpstreamHealthchecksJson.Serialize(settings), UpstreamHealthchecksJson.Serialize(read));
        Assert.Equal(0.1, read.Active.Healthy.Interval);
        Assert.Equal(["v"], read.Active.Headers["X-Probe"]);
        Assert.Equal(UpstreamHealthchecksJson.Serialize(new UpstreamHealthchecks()), UpstreamHealthchecksJson.Serialize(UpstreamHealthchecksJson.Deserialize("")));
    }

    /// <summary>A valid configuration with one field broken (or none for "none").</summary>
    private static UpstreamHealthchecks Bad(string mutation)
    {
        var healthy = new ActiveHealthy { Interval = 0.1, Successes = 2 };
        var unhealthy = new ActiveUnhealthy { Interval = 0.1, HttpFailures = 2 };
        var active = new ActiveHealthcheck { Healthy = healthy, Unhealthy = unhealthy, Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Probe"] = ["v"] } };
        var passive = new PassiveHealthcheck();
        switch (mutation)
        {
            case "active.type": active = active with { Type = "grpc" }; break;
            case "active.httpPath": active = active with { HttpPath = "health" }; break;
            case "active.timeout.zero": active = active with { Timeout = 0 }; break;
            case "active.timeout.negative": active = active with { Timeout = -1 }; break;
            case "active.concurrency": active = active with { Concurrency = 0 }; break;
            case "active.headers.name": active = active with { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Bad Name"] = ["v"] } }; break;
            case "active.headers.value": active = active with { Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Probe"] = ["a\r\nb"] } }; break;
            case "active.healthy.interval": active = active with { Healthy = healthy with { Interval = -0.5 } }; break;
            case "active.healthy.httpStatuses": active = active with { Healthy = healthy with { HttpStatuses = [200, 99] } }; break;
            case "active.healthy.successes": active = active with { Healthy = healthy with { Successes = 256 } }; break;
            case "active.unhealthy.interval": active = active with { Unhealthy = unhealthy with { Interval = 70000 } }; break;
            case "active.unhealthy.httpStatuses": active = active with { Unhealthy = unhealthy with { HttpStatuses = [1000] } }; break;
            case "active.unhealthy.tcpFailures": active = active with { Unhealthy = unhealthy with { TcpFailures = -1 } }; break;
            case "active.unhealthy.timeouts": active = active with { Unhealthy = unhealthy with { Timeouts = 300 } }; break;
            case "active.unhealthy.httpFailures": active = active with { Unhealthy = unhealthy with { HttpFailures = -2 } }; break;
            case "passive.type": passive = passive with { Type = "https" }; break;
            case "passive.healthy.httpStatuses": passive = passive with { Healthy = new PassiveHealthy { HttpStatuses = [0] } }; break;
            case "passive.healthy.successes": passive = passive with { Healthy = new PassiveHealthy { Successes = 1000 } }; break;
            case "passive.unhealthy.httpStatuses": passive = passive with { Unhealthy = new PassiveUnhealthy { HttpStatuses = [-500] } }; break;
            case "passive.unhealthy.tcpFailures": passive = passive with { Unhealthy = new PassiveUnhealthy { TcpFailures = 256 } }; break;
            case "passive.unhealthy.timeouts": passive = passive with { Unhealthy = new PassiveUnhealthy { Timeouts = -1 } }; break;
            case "passive.unhealthy.httpFailures": passive = passive with { Unhealthy = new PassiveUnhealthy { HttpFailures = 999 } }; break;
        }

        return new UpstreamHealthchecks { Active = active, Passive = passive };
    }
}
