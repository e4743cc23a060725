using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// request-transformer: Kong's <c>remove</c>, <c>rename</c>, <c>replace</c>, <c>add</c>, <c>append</c> on request
/// <c>headers</c> and <c>querystring</c> (the <c>body</c>, <c>replace.uri</c> and <c>http_method</c> settings are not
/// supported). Allowed at every scope.
/// </summary>
internal sealed class RequestTransformerDefinition : IPluginDefinition
{
    private static readonly string[] Unsupported = ["http_method"];

    public PluginType Type => PluginType.RequestTransformer;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client;

    public string DefaultConfiguration { get; } = TransformerRules.DefaultConfiguration(request: true);

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = EdgeConfigReader.Root(settings.Configuration, TransformerRules.Sections, Unsupported);
        var (headers, query) = TransformerRules.Read(reader, request: true);
        return reader.HasErrors
            ? reader.Failure()
            : PluginCompilation.Success(new RequestTransformerPlugin(settings.InstanceId, headers, query));
    }
}
