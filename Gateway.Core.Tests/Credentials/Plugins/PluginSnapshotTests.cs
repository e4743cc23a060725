using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.Plugins;
using ApiManager.Gateway.Credentials.Plugins.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Credentials.Plugins;

/// <summary>What the snapshot builder compiles from the plugin settings and credential rows.</summary>
public sealed class PluginSnapshotTests
{
    [Fact]
    public void Build_KeyAuthOnlyApi_CompiledOptionsAndKongMissingCredential()
    {
        // Arrange
        var api = CatalogRowsFactory.Api(1, "/keys");
        api.AcceptedCredentials = CredentialTypes.KeyAuth;
        api.ForwardCredentials = true;
        api.AuthenticationOptions = new ApiAuthenticationOptions
        {
            KeyAuth = new KeyAuthOptions { KeyNames = ["k1", "k2"], HideCredentials = true, Realm = "r", Anonymous = "anon", RunOnPreflight = false },
            BasicAuth = new BasicAuthOptions { Anonymous = "ignored-not-accepted" },
        };

        // Act
        var route = Build(api).Routes[SnapshotBuilder.RouteIdFor(1)];

        // Assert
        var compiled = route.Authentication;
        Assert.Equal(["k1", "k2"], compiled.KeyNames);
        Assert.True(compiled.Hides(CredentialTypes.KeyAuth));
        Assert.False(compiled.Hides(CredentialTypes.ClientBasic));
        Assert.Equal("anon", compiled.Anonymous);
        Assert.True(compiled.PreflightBypass);
        Assert.Equal("Key realm=\"r\"", compiled.KeyErrors.Challenge);
        Assert.Same(compiled.KeyErrors.NoKey, route.MissingCredentialError);
        Assert.Equal("No API key found in request", route.MissingCredentialError.Detail);
    }

    [Fact]
    public void Build_DefaultApi_GenericMissingCredentialAndServiceRealm()
    {
        // Act
        var route = Build(CatalogRowsFactory.Api(1, "/plain")).Routes[SnapshotBuilder.RouteIdFor(1)];

        // Assert
        Assert.Equal("credential_missing", route.MissingCredentialError.Code);
        Assert.Equal("Basic realm=\"service\"", route.Authentication.BasicChallenge);
        Assert.Null(route.Authentication.Anonymous);
        Assert.False(route.Authentication.PreflightBypass);
    }

    [Fact]
    public void Build_CredentialsOfUnknownClients_Skipped()
    {
        // Arrange
        var rows = new PluginCredentialRows(
            [new KeyAuthCredential { Id = 1, ApiClientId = 1, KeyHash = "AA", Mask = "m" }, new KeyAuthCredential { Id = 2, ApiClientId = 99, KeyHash = "BB", Mask = "m" }],
            [new JwtCredential { Id = 1, ApiClientId = 99, Key = "iss-x", Algorithm = JwtAlgorithm.RS256, PublicKeyPem = "pem" }]);

        // Act
        var snapshot = Build(CatalogRowsFactory.Api(1, "/p"), rows);

        // Assert
        Assert.Equal(["AA"], snapshot.PluginCredentials.KeysByHash.Keys);
        Assert.Equal("1", snapshot.PluginCredentials.KeysByHash["AA"].Identifier);
        Assert.Empty(snapshot.PluginCredentials.JwtByKey);
    }

    private static GatewaySnapshot Build(ApiManager.Gateway.Apis.ApiDefinition api, PluginCredentialRows? credentials = null) =>
        SnapshotBuilder.Build(
            new CatalogRows(1, [CatalogRowsFactory.Backend()], [api], [ClientRowsFactory.Client(1, "c1", 1)], [ClientRowsFactory.Group(1, 1)], [], PluginCredentials: credentials),
            CatalogRowsFactory.UpdatedAt,
            new GatewayMetrics());
}
