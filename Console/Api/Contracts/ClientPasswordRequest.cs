namespace ApiManager.Admin.Api.Contracts;

/// <summary>A new client password and its confirmation.</summary>
internal sealed record ClientPasswordRequest
{
    public string? Password { get; init; }
    public string? ConfirmPassword { get; init; }
}
