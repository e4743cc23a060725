namespace ApiManager.Admin.Api.Contracts;

/// <summary>How many wrong passwords lock the client (1–99).</summary>
internal sealed record ClientStatusSettingsRequest
{
    public int FailedAttemptThreshold { get; init; } = Gateway.Clients.ApiClient.DefaultFailedAttemptThreshold;
}
