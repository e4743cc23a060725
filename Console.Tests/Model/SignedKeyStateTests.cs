using ApiManager.Admin.Model;
using ApiManager.Gateway.Credentials.SignedKeys;

namespace ApiManager.Admin.Tests.Model;

/// <summary>The state the DGRK tab shows: what the gateway would do with the key at that moment.</summary>
public sealed class SignedKeyStateTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(SignedKeyStatus.Active, 1, 5L, "Active")]
    [InlineData(SignedKeyStatus.Active, 1, -1L, "Active")]
    [InlineData(SignedKeyStatus.Active, 1, 0L, "Used up")]
    [InlineData(SignedKeyStatus.Active, 0, 5L, "Expired")]
    [InlineData(SignedKeyStatus.Active, -1, 5L, "Expired")]
    [InlineData(SignedKeyStatus.Expired, 1, 5L, "Expired")]
    [InlineData(SignedKeyStatus.Revoked, -1, 0L, "Revoked")]
    public void StateAt_StatusTimeAndUses_WhatTheGatewayWouldDo(SignedKeyStatus status, int expiresInDays, long remaining, string expected)
    {
        // Arrange
        var key = new SignedApiKey
        {
            ApiKey = "k",
            ProtectedSecret = "p",
            SecretMask = "m",
            Status = status,
            ExpiresAt = Now.AddDays(expiresInDays),
            RemainingUses = remaining,
        };

        // Act
        var state = SignedKeysViewModel.StateAt(key, Now);

        // Assert
        Assert.Equal(expected, state);
    }
}
