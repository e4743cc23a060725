using ApiManager.Admin.Account;
using ApiManager.Gateway.Common;

namespace ApiManager.Admin.Model;

/// <summary>The signed-in user's personal access tokens: list, create (value shown once), revoke.</summary>
internal sealed class TokensViewModel(AccessTokenService tokens)
{
    public IReadOnlyList<AccessTokenInfo> Tokens { get; private set; } = [];

    public string NewName { get; set; } = "";

    public DateTime? NewExpiresAt { get; set; }

    public FieldErrors Errors { get; } = new();

    public string? Alert { get; private set; }

    public async Task LoadAsync(ConsoleUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Tokens = user.Id is null ? [] : await tokens.ListAsync(user.Id, cancellationToken);
    }

    /// <summary>Creates a token; the returned value must be shown to the user once and then forgotten.</summary>
    public async Task<CreatedAccessToken?> CreateAsync(ConsoleUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Errors.Clear();
        Alert = null;
        if (user.Id is null)
        {
            Alert = "Sign in to create tokens.";
            return null;
        }

        try
        {
            // The date picker gives a local date: the token expires at the end of that day (UTC).
            var expiresAt = NewExpiresAt is { } day ? DateTime.SpecifyKind(day.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : (DateTime?)null;
            var created = await tokens.CreateAsync(user.Id, NewName, expiresAt, user.Actor, cancellationToken);
            NewName = "";
            NewExpiresAt = null;
            await LoadAsync(user, cancellationToken);
            return created;
        }
        catch (ServiceValidationException ex)
        {
            Errors.Set(ex.Errors);
        }
        catch (EntityNotFoundException ex)
        {
            Alert = ex.Message;
        }

        return null;
    }

    public async Task RevokeAsync(ConsoleUser user, int tokenId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Alert = null;
        if (user.Id is null)
        {
            return;
        }

        try
        {
            await tokens.RevokeAsync(user.Id, tokenId, user.Actor, cancellationToken);
        }
        catch (EntityNotFoundException ex)
        {
            Alert = ex.Message;
        }

        await LoadAsync(user, cancellationToken);
    }
}
