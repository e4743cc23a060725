namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>Where key-auth found the key in this request (kept on the request's features for stripping).</summary>
internal sealed class KeyAuthMatch(KeyAuthSource source, string name, RequestBodyFields? body)
{
    public KeyAuthSource Source { get; } = source;

    public string Name { get; } = name;

    /// <summary>The buffered body when the key was found in it.</summary>
    public RequestBodyFields? Body { get; } = body;
}
