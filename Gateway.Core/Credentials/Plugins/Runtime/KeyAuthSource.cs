namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>The part of the request a key-auth key came from.</summary>
internal enum KeyAuthSource
{
    Header,
    Query,
    Body,
}
