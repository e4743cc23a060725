using ApiManager.Gateway.Upstreams;
using ApiManager.Gateway.Upstreams.Runtime.Health;
using Yarp.ReverseProxy.Forwarder;

namespace ApiManager.Gateway.Tests.Upstreams;

/// <summary>How the passive-health middleware reads one forwarding attempt.</summary>
public sealed class PassiveClassifyTests
{
    private static readonly CompiledHealthchecks Http = new(new UpstreamHealthchecks());
    private static readonly CompiledHealthchecks Tcp = new(new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Type = HealthcheckTypes.Tcp } });

    [Theory]
    [InlineData(ForwarderError.Request, HealthReport.TcpFailure)]
    [InlineData(ForwarderError.RequestBodyDestination, HealthReport.TcpFailure)]
    [InlineData(ForwarderError.ResponseHeaders, HealthReport.TcpFailure)]
    [InlineData(ForwarderError.ResponseBodyDestination, HealthReport.TcpFailure)]
    [InlineData(ForwarderError.RequestTimedOut, HealthReport.Timeout)]
    public void Classify_ForwarderError_FailureKind(ForwarderError error, HealthReport expected)
    {
        Assert.Equal(expected, UpstreamPassiveHealthMiddleware.Classify(new FakeError(error, null), Http, 502));
    }

    [Fact]
    public void Classify_TimeoutInsideException_Timeout()
    {
        var error = new FakeError(ForwarderError.Request, new HttpRequestException("x", new TimeoutException()));
        Assert.Equal(HealthReport.Timeout, UpstreamPassiveHealthMiddleware.Classify(error, Http, 504));
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyClient)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    public void Classify_ClientSideError_NotCounted(ForwarderError error)
    {
        Assert.Null(UpstreamPassiveHealthMiddleware.Classify(new FakeError(error, null), Http, 400));
    }

    [Theory]
    [InlineData(200, HealthReport.Success)]
    [InlineData(226, HealthReport.Success)]
    [InlineData(308, HealthReport.Success)]
    [InlineData(429, HealthReport.HttpFailure)]
    [InlineData(500, HealthReport.HttpFailure)]
    [InlineData(503, HealthReport.HttpFailure)]
    public void Classify_StatusInKongDefaultLists_Counted(int status, HealthReport expected)
    {
        Assert.Equal(expected, UpstreamPassiveHealthMiddleware.Classify(null, Http, status));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(502)]
    [InlineData(1000)]
    public void Classify_StatusInNeitherList_NotCounted(int status)
    {
        Assert.Null(UpstreamPassiveHealthMiddleware.Classify(new FakeError(ForwarderError.None, null), Http, status));
    }

    [Fact]
    public void Classify_TcpType_AnyResponseIsSuccess()
    {
        Assert.Equal(HealthReport.Success, UpstreamPassiveHealthMiddleware.Classify(null, Tcp, 500));
        Assert.Equal(HealthReport.TcpFailure, UpstreamPassiveHealthMiddleware.Classify(new FakeError(ForwarderError.Request, null), Tcp, 502));
    }

    [Fact]
    public void Compile_DefaultSettings_PassiveAndActiveOff()
    {
        Assert.False(Http.PassiveEnabled);
        Assert.False(Http.ActiveEnabled);
        Assert.True(new CompiledHealthchecks(new UpstreamHealthchecks { Passive = new PassiveHealthcheck { Healthy = new PassiveHealthy { Successes = 1 } } }).PassiveEnabled);
        Assert.True(new CompiledHealthchecks(new UpstreamHealthchecks { Active = new ActiveHealthcheck { Unhealthy = new ActiveUnhealthy { Interval = 0.1 } } }).ActiveEnabled);
    }

    private sealed class FakeError(ForwarderError error, Exception? exception) : IForwarderErrorFeature
    {
        public ForwarderError Error { get; } = error;

        public Exception? Exception { get; } = exception;
    }
}
