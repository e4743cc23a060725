using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Plugins.Runtime;

/// <summary>What a plugin decided about a request: go on, reject it with an error, or it already wrote the answer.</summary>
internal readonly struct PluginVerdict
{
    private PluginVerdict(GatewayError? error, bool answered)
    {
        Error = error;
        IsAnswered = answered;
    }

    /// <summary>The next stage runs.</summary>
    public static PluginVerdict Continue => default;

    /// <summary>The plugin wrote the whole response (mock answer, cache hit, preflight); nothing else runs.</summary>
    public static PluginVerdict Answered => new(null, answered: true);

    /// <summary>The request is rejected with <paramref name="error"/>, written as problem+json by the pipeline.</summary>
    public static PluginVerdict Reject(GatewayError error) => new(error ?? throw new ArgumentNullException(nameof(error)), answered: false);

    public GatewayError? Error { get; }

    public bool IsAnswered { get; }

    /// <summary>True when the request goes on to the next stage.</summary>
    public bool IsContinue => Error is null && !IsAnswered;
}
