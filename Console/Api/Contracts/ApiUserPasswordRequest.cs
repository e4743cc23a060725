namespace ApiManager.Admin.Api.Contracts;

/// <summary>A new API user password and its confirmation.</summary>
internal sealed record ApiUserPasswordRequest
{
    public string? Password { get; init; }
    public string? ConfirmPassword { get; init; }
}
