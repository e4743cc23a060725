using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Tests.Shared;

namespace ApiManager.Gateway.Tests.Clients;

public sealed class ClientLockoutTrackerTests
{
    [Fact]
    public void RecordFailure_UpToThreshold_LocksAndQueuesLock()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 2, stored: 0);

        // Act
        var firstLocks = tracker.RecordFailure(client);
        var secondLocks = tracker.RecordFailure(client);

        // Assert
        Assert.False(firstLocks);
        Assert.True(secondLocks);
        Assert.True(tracker.IsLocked(client));
        Assert.True(tracker.Updates.TryRead(out var first));
        Assert.True(tracker.Updates.TryRead(out var second));
        Assert.Equal(new LockoutUpdate(client.Id, "c1", 1, false), first);
        Assert.Equal(new LockoutUpdate(client.Id, "c1", 2, true), second);
    }

    [Fact]
    public void RecordFailure_StartsFromStoredCount()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 3, stored: 2);

        // Act
        var locks = tracker.RecordFailure(client);

        // Assert
        Assert.True(locks);
    }

    [Fact]
    public void RecordSuccess_AfterFailures_ResetsAndQueuesZero()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 3, stored: 0);
        tracker.RecordFailure(client);
        tracker.Updates.TryRead(out _);

        // Act
        tracker.RecordSuccess(client);

        // Assert
        Assert.Equal(0, tracker.FailuresOf(client));
        Assert.True(tracker.Updates.TryRead(out var update));
        Assert.Equal(0, update.FailedAttempts);
    }

    [Fact]
    public void RecordSuccess_NothingToReset_QueuesNothing()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 3, stored: 0);

        // Act
        tracker.RecordSuccess(client);

        // Assert
        Assert.False(tracker.Updates.TryRead(out _));
    }

    [Fact]
    public void Synchronize_AdminUnlockedInDatabase_ClearsRuntimeCount()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 2, stored: 0);
        tracker.RecordFailure(client);
        tracker.RecordFailure(client);
        while (tracker.Updates.TryRead(out var update))
        {
            tracker.Completed(update);
        }

        var unlocked = ClientCatalogBuilder.Build([Row(threshold: 2, stored: 0)], [], []);

        // Act
        tracker.Synchronize(unlocked);

        // Assert
        Assert.False(tracker.IsLocked(unlocked.Clients["c1"]));
        Assert.Equal(0, tracker.FailuresOf(unlocked.Clients["c1"]));
    }

    [Fact]
    public void Synchronize_WritePending_KeepsRuntimeCount()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 2, stored: 0);
        tracker.RecordFailure(client);
        tracker.RecordFailure(client);

        // Act
        tracker.Synchronize(ClientCatalogBuilder.Build([Row(threshold: 2, stored: 0)], [], []));

        // Assert
        Assert.True(tracker.IsLocked(client));
    }

    [Fact]
    public void IsLocked_ZeroThreshold_NeverLocks()
    {
        // Arrange
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 0, stored: 0);

        // Act
        for (var i = 0; i < 5; i++)
        {
            tracker.RecordFailure(client);
        }

        // Assert
        Assert.False(tracker.IsLocked(client));
    }

    [Fact]
    public void Synchronize_UnlockedButCountKept_ClearsRuntimeCount()
    {
        // Arrange: the admin set the status back to Enabled but left FailedAttempts at the threshold.
        var tracker = new ClientLockoutTracker();
        var client = Entry(threshold: 2, stored: 0);
        tracker.RecordFailure(client);
        tracker.RecordFailure(client);
        while (tracker.Updates.TryRead(out var update))
        {
            tracker.Completed(update);
        }

        var unlocked = ClientCatalogBuilder.Build([Row(threshold: 2, stored: 2)], [], []);

        // Act
        tracker.Synchronize(unlocked);

        // Assert
        Assert.False(tracker.IsLocked(unlocked.Clients["c1"]));
        Assert.False(tracker.RecordFailure(unlocked.Clients["c1"]));
        Assert.True(tracker.RecordFailure(unlocked.Clients["c1"]));
    }

    private static ApiClient Row(int threshold, int stored)
    {
        var row = ClientRowsFactory.Client(1, "c1");
        row.FailedAttemptThreshold = threshold;
        row.FailedAttempts = stored;
        return row;
    }

    private static ClientEntry Entry(int threshold, int stored) =>
        ClientCatalogBuilder.Build([Row(threshold, stored)], [], []).Clients["c1"];
}
