namespace ApiManager.Gateway.Credentials.OAuth.Authorize;

/// <summary>A client asking for an authorization code: what the page shows and the authorization request is checked against.</summary>
/// <param name="Info">The client's token settings, groups and scopes.</param>
/// <param name="DisplayName">Shown on the consent page.</param>
/// <param name="RedirectUris">The registered redirect URLs (exact match).</param>
internal sealed record AuthorizeClient(OAuthClientInfo Info, string DisplayName, IReadOnlyList<string> RedirectUris);
