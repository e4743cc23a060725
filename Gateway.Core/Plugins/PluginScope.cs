namespace ApiManager.Gateway.Plugins;

/// <summary>Where a plugin applies. The narrowest wins: client, then API, then backend, then global.</summary>
[Flags]
public enum PluginScope
{
    Global = 1,
    Backend = 2,
    Api = 4,
    Client = 8,
}
