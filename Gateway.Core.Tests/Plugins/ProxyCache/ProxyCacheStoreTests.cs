using ApiManager.Gateway.Plugins.ProxyCache;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Plugins.ProxyCache;

/// <summary>The in-memory cache: lifetimes on a fake clock, purge per API, the size cap.</summary>
public sealed class ProxyCacheStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Get_AfterTtl_EntryGone()
    {
        // Arrange
        var store = new ProxyCacheStore(_clock, ProxyCacheStore.DefaultCapacityBytes);
        var key = new ProxyCacheKey(1, 42);
        store.Set(key, Entry(60, 10));

        // Act
        _clock.Advance(TimeSpan.FromSeconds(59));
        var fresh = store.Get(key);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var stale = store.Get(key);

        // Assert
        Assert.NotNull(fresh);
        Assert.Null(stale);
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.SizeBytes);
    }

    [Fact]
    public void PurgeApi_EntriesOfSeveralApis_OnlyThatApisRemovedAndCounted()
    {
        // Arrange
        var store = new ProxyCacheStore(_clock, ProxyCacheStore.DefaultCapacityBytes);
        store.Set(new ProxyCacheKey(1, 1), Entry(60, 10));
        store.Set(new ProxyCacheKey(1, 2), Entry(60, 10));
        store.Set(new ProxyCacheKey(2, 1), Entry(60, 10));

        // Act
        var purged = store.PurgeApi(1);
        var again = store.PurgeApi(1);

        // Assert
        Assert.Equal(2, purged);
        Assert.Equal(0, again);
        Assert.NotNull(store.Get(new ProxyCacheKey(2, 1)));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Set_OverTheCap_LeastRecentlyUsedEvicted()
    {
        // Arrange
        var entrySize = Entry(60, 1000).Size;
        var store = new ProxyCacheStore(_clock, entrySize * 3);
        store.Set(new ProxyCacheKey(1, 1), Entry(60, 1000));
        _clock.Advance(TimeSpan.FromSeconds(1));
        store.Set(new ProxyCacheKey(1, 2), Entry(60, 1000));
        _clock.Advance(TimeSpan.FromSeconds(1));
        store.Set(new ProxyCacheKey(1, 3), Entry(60, 1000));
        _clock.Advance(TimeSpan.FromSeconds(1));
        store.Get(new ProxyCacheKey(1, 1));

        // Act
        store.Set(new ProxyCacheKey(1, 4), Entry(60, 1000));

        // Assert: entry 2 was used least recently.
        Assert.Null(store.Get(new ProxyCacheKey(1, 2)));
        Assert.NotNull(store.Get(new ProxyCacheKey(1, 1)));
        Assert.NotNull(store.Get(new ProxyCacheKey(1, 4)));
        Assert.True(store.SizeBytes <= store.CapacityBytes);
    }

    [Fact]
    public void Set_ReplacingAnEntry_SizeCountedOnce()
    {
        // Arrange
        var store = new ProxyCacheStore(_clock, ProxyCacheStore.DefaultCapacityBytes);
        var key = new ProxyCacheKey(1, 1);
        var entry = Entry(60, 100);

        // Act
        store.Set(key, Entry(60, 500));
        store.Set(key, entry);

        // Assert
        Assert.Equal(entry.Size, store.SizeBytes);
    }

    [Fact]
    public void Set_EntryLargerThanTheCap_NotStored()
    {
        // Arrange
        var store = new ProxyCacheStore(_clock, 1000);

        // Act
        store.Set(new ProxyCacheKey(1, 1), Entry(60, 5000));

        // Assert
        Assert.Equal(0, store.Count);
    }

    private ProxyCacheEntry Entry(int ttlSeconds, int bodyBytes)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        return new ProxyCacheEntry(200, [], new byte[bodyBytes], now, now + (ttlSeconds * TimeSpan.TicksPerSecond));
    }
}
