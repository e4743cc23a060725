namespace ApiManager.Admin.Api.Contracts;

/// <summary>Groups to give a client.</summary>
internal sealed record ClientGroupsRequest
{
    public IReadOnlyList<int> GroupIds { get; init; } = [];
}
