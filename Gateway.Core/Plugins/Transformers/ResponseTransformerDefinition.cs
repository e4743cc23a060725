using ApiManager.Gateway.Plugins.Runtime;

namespace ApiManager.Gateway.Plugins.Transformers;

/// <summary>
/// response-transformer: Kong's <c>remove</c>, <c>rename</c>, <c>replace</c>, <c>add</c>, <c>append</c> on response
/// <c>headers</c> (the <c>json</c> body rules are not supported). Allowed at every scope.
/// </summary>
internal sealed class ResponseTransformerDefinition : IPluginDefinition
{
    public PluginType Type => PluginType.ResponseTransformer;

    public PluginScope AllowedScopes => PluginScope.Global | PluginScope.Backend | PluginScope.Api | PluginScope.Client;

    public string DefaultConfiguration { get; } = TransformerRules.DefaultConfiguration(request: false);

    public PluginCompilation Compile(PluginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = EdgeConfigReader.Root(settings.Configuration, TransformerRules.Sections);
        var (headers, _) = TransformerRules.Read(reader, request: false);
        return reader.HasErrors
            ? reader.Failure()
            : PluginCompilation.Success(new ResponseTransformerPlugin(settings.InstanceId, settings.Scope, headers));
    }
}
