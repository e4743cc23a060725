namespace ApiManager.Admin.Api.Contracts;

/// <summary>Scopes to give a client.</summary>
internal sealed record ClientScopesRequest
{
    public IReadOnlyList<int> ScopeIds { get; init; } = [];
}
