namespace ApiManager.Admin.Api.Contracts;

/// <summary>The level to move a client to.</summary>
internal sealed record ClientSecurityLevelRequest
{
    public int SecurityLevelId { get; init; }
}
