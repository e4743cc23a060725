namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>Kong basic-auth options of one API, applied to HTTP Basic with a client's Client ID and password.</summary>
public sealed record BasicAuthOptions
{
    /// <summary>Remove the <c>Authorization</c> / <c>Proxy-Authorization</c> header even when the API forwards credentials.</summary>
    public bool HideCredentials { get; init; }

    /// <summary>Client ID of the client a request without any accepted credential proceeds as; null: refuse it.</summary>
    public string? Anonymous { get; init; }

    /// <summary>Realm of the <c>WWW-Authenticate: Basic</c> challenge.</summary>
    public string Realm { get; init; } = "service";
}
