using OpenIddict.Server;

namespace ApiManager.Gateway.Credentials.OAuth.Server;

/// <summary>What our handlers pass each other through an OpenIddict transaction.</summary>
internal static class OAuthTransaction
{
    private const string ClientKey = "apimanager:client";
    private const string RedeemedKey = "apimanager:redeemed";
    private const string OwnerKey = "apimanager:owner";

    public static void SetClient(this OpenIddictServerTransaction transaction, OAuthClientInfo client) => transaction.Properties[ClientKey] = client;

    public static OAuthClientInfo? GetClient(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(ClientKey, out var value) ? value as OAuthClientInfo : null;

    public static void SetRedeemed(this OpenIddictServerTransaction transaction, OAuthToken token) => transaction.Properties[RedeemedKey] = token;

    public static OAuthToken? GetRedeemed(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(RedeemedKey, out var value) ? value as OAuthToken : null;

    public static void SetOwner(this OpenIddictServerTransaction transaction, ApiUsers.ResourceOwner owner) => transaction.Properties[OwnerKey] = owner;

    public static ApiUsers.ResourceOwner? GetOwner(this OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(OwnerKey, out var value) ? value as ApiUsers.ResourceOwner : null;
}
