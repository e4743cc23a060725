namespace ApiManager.Gateway.Credentials.Plugins;

/// <summary>The signature algorithm a JWT credential pins (the token's <c>alg</c> must equal it).</summary>
public enum JwtAlgorithm
{
    HS256 = 0,
    HS384 = 1,
    HS512 = 2,
    RS256 = 3,
    ES256 = 4,
}
