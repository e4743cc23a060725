using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Clients;

public sealed class PasswordVerificationCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Verify_SecondCallWithinLifetime_HitsCache()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);

        // Act
        var first = cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);

        // Assert
        Assert.True(first);
        Assert.True(second);
        Assert.Equal(1, cache.HashChecks);
    }

    [Fact]
    public void Verify_AfterLifetime_HashesAgain()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);
        cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);
        _time.Advance(PasswordVerificationCache.Lifetime + TimeSpan.FromSeconds(1));

        // Act
        var result = cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);

        // Assert
        Assert.True(result);
        Assert.Equal(2, cache.HashChecks);
    }

    [Fact]
    public void Verify_PasswordChanged_OldPasswordMissesCacheAndFails()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);
        cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);
        var newHash = ClientRowsFactory.Hasher.Hash("another-Pass-2");

        // Act
        var oldPassword = cache.Verify("c1", ClientRowsFactory.Password, newHash);
        var newPassword = cache.Verify("c1", "another-Pass-2", newHash);

        // Assert
        Assert.False(oldPassword);
        Assert.True(newPassword);
        Assert.Equal(3, cache.HashChecks);
    }

    [Fact]
    public void Verify_WrongPassword_IsNeverCached()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);

        // Act
        var first = cache.Verify("c1", "wrong", ClientRowsFactory.PasswordHash);
        var second = cache.Verify("c1", "wrong", ClientRowsFactory.PasswordHash);

        // Assert
        Assert.False(first);
        Assert.False(second);
        Assert.Equal(2, cache.HashChecks);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Verify_OtherClientSameHash_DoesNotShareEntry()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);
        cache.Verify("c1", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);

        // Act
        cache.Verify("c2", ClientRowsFactory.Password, ClientRowsFactory.PasswordHash);

        // Assert
        Assert.Equal(2, cache.HashChecks);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Verify_MalformedHash_False()
    {
        // Arrange
        var cache = new PasswordVerificationCache(ClientRowsFactory.Hasher, _time);

        // Act & Assert
        Assert.False(cache.Verify("c1", ClientRowsFactory.Password, "not-a-hash"));
    }
}
