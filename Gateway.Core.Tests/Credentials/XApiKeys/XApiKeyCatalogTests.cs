using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.XApiKeys;
using ApiManager.Gateway.Credentials.XApiKeys.Runtime;
using ApiManager.Gateway.Metrics;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Credentials.XApiKeys;

/// <summary>The snapshot's X-Api-Key catalog and the key-state rule at its boundaries.</summary>
public sealed class XApiKeyCatalogTests
{
    private static readonly DateTime Effective = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_RowsWithKeys_CatalogByHashWithGroupsAndAsciiIdentifier()
    {
        // Arrange
        var key = CredentialSecrets.NewKey();
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(1, "/a")], XApiKeys:
        [
            new ClientXApiKey
            {
                Id = 7,
                ApiClientId = 3,
                Alias = "k",
                KeyHash = CredentialSecrets.Hash(key),
                Mask = CredentialSecrets.Mask(key),
                ExpiresAt = Expires,
                CreatedBy = "t",
                Groups = [new ClientXApiKeyGroup { ApiGroupId = 4 }, new ClientXApiKeyGroup { ApiGroupId = 5 }],
            },
        ]);
        var metrics = new GatewayMetrics();

        // Act
        var snapshot = SnapshotBuilder.Build(rows, Effective, metrics);

        // Assert
        var entry = snapshot.XApiKeys.ByHash[CredentialSecrets.Hash(key)];
        Assert.Equal(3, entry.ClientDbId);
        Assert.Equal([4, 5], entry.Groups.Order());
        Assert.Equal(key[..3] + "..." + key[^3..], entry.CredentialId);
        Assert.Equal(1, snapshot.XApiKeys.Count);
    }

    [Fact]
    public void Build_NoKeyRows_EmptyCatalog()
    {
        // Arrange
        var rows = new CatalogRows(1, [CatalogRowsFactory.Backend()], [CatalogRowsFactory.Api(1, "/a")]);
        var metrics = new GatewayMetrics();

        // Act
        var snapshot = SnapshotBuilder.Build(rows, Effective, metrics);

        // Assert
        Assert.Same(XApiKeyCatalog.Empty, snapshot.XApiKeys);
    }

    [Theory]
    [InlineData(XApiKeyStatus.Active, -1, "api_key_not_yet_effective")]
    [InlineData(XApiKeyStatus.Active, 0, null)]
    [InlineData(XApiKeyStatus.Active, 31 * 24 * 60 * 60 - 1, null)]
    [InlineData(XApiKeyStatus.Active, 31 * 24 * 60 * 60, "api_key_expired")]
    [InlineData(XApiKeyStatus.Expired, 10, "api_key_expired")]
    [InlineData(XApiKeyStatus.Revoked, -1, "api_key_revoked")]
    [InlineData(XApiKeyStatus.Revoked, 10, "api_key_revoked")]
    public void KeyError_StatusAndInstant_Code(XApiKeyStatus status, int secondsAfterEffective, string? code)
    {
        // Arrange
        var entry = new XApiKeyEntry { Id = 1, ClientDbId = 1, Mask = "abc…xyz", CredentialId = "abc...xyz", Status = status, EffectiveAt = Effective, ExpiresAt = Expires, Groups = System.Collections.Frozen.FrozenSet<int>.Empty };

        // Act
        var error = XApiKeyHandler.KeyError(entry, Effective.AddSeconds(secondsAfterEffective));

        // Assert
        Assert.Equal(code, error?.Code);
    }
}
