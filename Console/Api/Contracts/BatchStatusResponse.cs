namespace ApiManager.Admin.Api.Contracts;

/// <summary>How many APIs a batch status change changed (APIs already in that status are left alone).</summary>
internal sealed record BatchStatusResponse(int Changed);
