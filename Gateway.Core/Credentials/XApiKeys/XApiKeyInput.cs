namespace ApiManager.Gateway.Credentials.XApiKeys;

/// <summary>
/// A new X-Api-Key. Dates are calendar days in the client's time zone: the key works from the start (00:00) of
/// <see cref="EffectiveDate"/> (none: at once) to the end (23:59:59.9999999) of <see cref="ExpiryDate"/>.
/// </summary>
public sealed record XApiKeyInput
{
    public string? Alias { get; init; }

    public DateOnly? EffectiveDate { get; init; }

    public DateOnly? ExpiryDate { get; init; }

    public IReadOnlyList<int>? GroupIds { get; init; }
}
