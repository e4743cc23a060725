namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>JWS algorithm of a signing key.</summary>
public enum OAuthKeyAlgorithm
{
    RS256,
    ES256,
}
