using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.SignedKeys;
using ApiManager.Gateway.Credentials.SignedKeys.Runtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiManager.Gateway.Tests.SignedKeys;

/// <summary>In-memory quota counting of <see cref="SignedKeyRuntime"/>: exact under concurrency, never reset upwards by a rebuild.</summary>
public sealed class SignedKeyRuntimeTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly SecretProtector _protector = new(new EphemeralDataProtectionProvider());

    [Fact]
    public async Task Consume_ConcurrentCallers_ExactlyQuotaSucceed()
    {
        // Arrange
        const int quota = 37;
        var runtime = Runtime();
        var entry = Entry(Catalog(quota, quota));
        var successes = 0;

        // Act
        await Parallel.ForAsync(0, 32 * 10, new ParallelOptions { MaxDegreeOfParallelism = 32 }, (_, _) =>
        {
            if (runtime.Consume(entry) is null)
            {
                Interlocked.Increment(ref successes);
            }

            return ValueTask.CompletedTask;
        });

        // Assert
        Assert.Equal(quota, successes);
        Assert.Equal(0, runtime.RemainingOf(entry));
    }

    [Fact]
    public void Consume_Unlimited_NeverRefused()
    {
        // Arrange
        var runtime = Runtime();
        var entry = Entry(Catalog(SignedApiKey.Unlimited, SignedApiKey.Unlimited));

        // Act
        var errors = Enumerable.Range(0, 1000).Select(_ => runtime.Consume(entry)).Where(e => e is not null).ToList();

        // Assert
        Assert.Empty(errors);
        Assert.Equal(SignedApiKey.Unlimited, runtime.RemainingOf(entry));
    }

    [Fact]
    public void Synchronize_OlderHigherDbValue_KeepsLowerMemoryCount()
    {
        // Arrange
        var runtime = Runtime();
        var entry = Entry(Catalog(10, 10));
        for (var i = 0; i < 4; i++)
        {
            runtime.Consume(entry);
        }

        // Act: a rebuild reads the database before the flush stored 6.
        var rebuilt = Catalog(10, 9);
        runtime.Synchronize(rebuilt);

        // Assert
        Assert.Equal(6, runtime.RemainingOf(Entry(rebuilt)));
    }

    [Fact]
    public void Synchronize_LowerDbValue_FollowsDatabase()
    {
        // Arrange (another node counted more)
        var runtime = Runtime();
        var entry = Entry(Catalog(10, 10));
        runtime.Consume(entry);

        // Act
        var rebuilt = Catalog(10, 2);
        runtime.Synchronize(rebuilt);

        // Assert
        Assert.Equal(2, runtime.RemainingOf(Entry(rebuilt)));
    }

    [Fact]
    public void Synchronize_QuotaSetAnew_RestartsFromDatabase()
    {
        // Arrange
        var runtime = Runtime();
        var entry = Entry(Catalog(3, 3));
        for (var i = 0; i < 3; i++)
        {
            runtime.Consume(entry);
        }

        // Act
        var extended = Catalog(5, 5, Created.AddDays(1));
        runtime.Synchronize(extended);

        // Assert
        Assert.Equal(5, runtime.RemainingOf(Entry(extended)));
        Assert.Null(runtime.Consume(Entry(extended)));
    }

    [Fact]
    public void Consume_QueuesKeyOnceUntilTaken()
    {
        // Arrange
        var runtime = Runtime();
        var entry = Entry(Catalog(10, 10));

        // Act
        runtime.Consume(entry);
        runtime.Consume(entry);
        Assert.True(runtime.Flushes.TryRead(out var id));
        var queuedTwice = runtime.Flushes.TryRead(out _);
        var taken = runtime.TakeFlush(id, out var remaining, out var quotaSetAt);
        runtime.Consume(entry);

        // Assert
        Assert.False(queuedTwice);
        Assert.True(taken);
        Assert.Equal(8, remaining);
        Assert.Equal(Created, quotaSetAt);
        Assert.True(runtime.Flushes.TryRead(out _));
    }

    [Fact]
    public void SecretOf_UndecryptableSecret_Null()
    {
        // Arrange
        var runtime = Runtime();
        var key = Row(5, 5, Created);
        key.ProtectedSecret = "not-protected";

        // Act
        var secret = runtime.SecretOf(Entry(SignedKeyCatalog.Build([key])));

        // Assert
        Assert.Null(secret);
    }

    private SignedKeyRuntime Runtime() => new(_protector, NullLogger<SignedKeyRuntime>.Instance);

    private static SignedKeyEntry Entry(SignedKeyCatalog catalog) => catalog.ById[1];

    private SignedKeyCatalog Catalog(long quota, long remaining, DateTime? quotaSetAt = null) => SignedKeyCatalog.Build([Row(quota, remaining, quotaSetAt ?? Created)]);

    private SignedApiKey Row(long quota, long remaining, DateTime quotaSetAt) => new()
    {
        Id = 1,
        ApiClientId = 1,
        ApiKey = "key-1",
        ProtectedSecret = _protector.Protect("secret-1"),
        SecretMask = "***",
        ExpiresAt = Created.AddDays(30),
        TimesQuota = quota,
        RemainingUses = remaining,
        QuotaSetAt = quotaSetAt,
        CreatedAt = Created,
    };
}
