namespace ApiManager.Gateway.Credentials;

/// <summary>Deletes token records whose lifetime ended before <c>now</c> (implemented by the OAuth token store).</summary>
internal interface IExpiredTokenCleaner
{
    Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken);
}
