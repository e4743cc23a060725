namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>Kong key-auth options of one API (Kong's defaults).</summary>
public sealed record KeyAuthOptions
{
    /// <summary>Header, query-parameter and body-field names the key is looked for under, in order.</summary>
    public IReadOnlyList<string> KeyNames { get; init; } = ["apikey"];

    public bool KeyInHeader { get; init; } = true;

    public bool KeyInQuery { get; init; } = true;

    /// <summary>Also look in a form (<c>application/x-www-form-urlencoded</c>) or JSON object body.</summary>
    public bool KeyInBody { get; init; }

    /// <summary>Remove the key before forwarding even when the API forwards credentials.</summary>
    public bool HideCredentials { get; init; }

    /// <summary>Client ID of the client a request without any accepted credential proceeds as; null: refuse it.</summary>
    public string? Anonymous { get; init; }

    /// <summary>False lets CORS preflight requests without a credential through.</summary>
    public bool RunOnPreflight { get; init; } = true;

    /// <summary>Realm of the <c>WWW-Authenticate: Key</c> challenge; null: none.</summary>
    public string? Realm { get; init; }
}
