using System.Text.Json;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Plugins;
using ApiManager.Gateway.Plugins.RateLimiting;
using ApiManager.Gateway.Plugins.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.RateLimiting;

/// <summary>Validation and compilation of rate-limiting configurations.</summary>
public sealed class RateLimitingDefinitionTests
{
    internal static RateLimitingDefinition Definition(IRateLimitCounterStore? store = null, TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider();
        return new RateLimitingDefinition(store ?? new LocalRateLimitCounterStore(clock), clock, new GatewayNetworks([], []));
    }

    internal static PluginCompilation Compile(string json, RateLimitingDefinition? definition = null, int instanceId = 7)
    {
        using var document = JsonDocument.Parse(json);
        return (definition ?? Definition()).Compile(new PluginSettings(instanceId, PluginScope.Api, 1, document.RootElement.Clone()));
    }

    [Fact]
    public void Compile_DefaultConfigurationWithAMinuteLimit_ConsumerLocalFaultTolerant()
    {
        // Arrange
        var definition = Definition();
        var json = definition.DefaultConfiguration.Replace("\"minute\":null", "\"minute\":5", StringComparison.Ordinal);

        // Act
        var compilation = Compile(json, definition);

        // Assert
        var plugin = Assert.IsType<RateLimitingPlugin>(compilation.Plugin);
        Assert.Equal([new RateLimitingPlugin.PeriodLimit(RateLimitPeriod.Minute, 5)], plugin.Limits);
        Assert.Equal(RateLimitLimitBy.Consumer, plugin.LimitBy);
        Assert.Equal(PluginType.RateLimiting, plugin.Type);
        Assert.Equal(7, plugin.InstanceId);
    }

    [Fact]
    public void Compile_AllPeriodsAscending_OrderedShortestFirst()
    {
        // Act
        var compilation = Compile("""{"year":100000,"second":1,"day":1000,"minute":10,"month":10000,"hour":100}""");

        // Assert
        var plugin = Assert.IsType<RateLimitingPlugin>(compilation.Plugin);
        Assert.Equal(
            [RateLimitPeriod.Second, RateLimitPeriod.Minute, RateLimitPeriod.Hour, RateLimitPeriod.Day, RateLimitPeriod.Month, RateLimitPeriod.Year],
            plugin.Limits.Select(l => l.Period));
    }

    [Fact]
    public void Compile_DefaultConfigurationAsIs_NeedsALimit()
    {
        // Act
        var compilation = Compile(Definition().DefaultConfiguration);

        // Assert
        Assert.False(compilation.Succeeded);
        Assert.Contains("at least one limit", Assert.Single(compilation.Errors["config"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"minute":0}""", "config.minute")]
    [InlineData("""{"minute":-3}""", "config.minute")]
    [InlineData("""{"minute":1.5}""", "config.minute")]
    [InlineData("""{"minute":"10"}""", "config.minute")]
    [InlineData("""{"second":10,"minute":5}""", "config.minute")]
    [InlineData("""{"hour":100,"day":99}""", "config.day")]
    [InlineData("""{"month":10,"year":9}""", "config.year")]
    [InlineData("""{"minute":5,"limit_by":"service"}""", "config.limit_by")]
    [InlineData("""{"minute":5,"limit_by":"header"}""", "config.header_name")]
    [InlineData("""{"minute":5,"limit_by":"header","header_name":"X Bad"}""", "config.header_name")]
    [InlineData("""{"minute":5,"limit_by":"path"}""", "config.path")]
    [InlineData("""{"minute":5,"limit_by":"path","path":"no-slash"}""", "config.path")]
    [InlineData("""{"minute":5,"policy":"cluster"}""", "config.policy")]
    [InlineData("""{"minute":5,"policy":"other"}""", "config.policy")]
    [InlineData("""{"minute":5,"fault_tolerant":"yes"}""", "config.fault_tolerant")]
    [InlineData("""{"minute":5,"hide_client_headers":1}""", "config.hide_client_headers")]
    [InlineData("""{"minute":5,"minutes":5}""", "config.minutes")]
    [InlineData("""[1,2]""", "config")]
    public void Compile_BadConfiguration_FieldError(string json, string field)
    {
        // Act
        var compilation = Compile(json);

        // Assert
        Assert.False(compilation.Succeeded);
        Assert.Contains(field, compilation.Errors.Keys);
    }

    [Fact]
    public void Compile_LongerPeriodBelowShorter_KongsMessage()
    {
        // Act
        var compilation = Compile("""{"second":10,"minute":5}""");

        // Assert
        Assert.Equal("The limit per minute (5) cannot be lower than the limit per second (10).", Assert.Single(compilation.Errors["config.minute"]));
    }

    [Fact]
    public void Compile_RedisPolicy_SaysItArrivesWithScaleOut()
    {
        // Act
        var compilation = Compile("""{"minute":5,"policy":"redis"}""");

        // Assert
        Assert.Contains("redis arrives with the scale-out work", Assert.Single(compilation.Errors["config.policy"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SeveralProblems_AllReported()
    {
        // Act
        var compilation = Compile("""{"second":-1,"limit_by":"header","policy":"redis","fault_tolerant":null}""");

        // Assert
        Assert.Equal(["config.header_name", "config.policy", "config.second"], compilation.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
