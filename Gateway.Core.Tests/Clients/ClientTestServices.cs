using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Mail;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.Clients;

/// <summary>The real client services over a <see cref="TempDatabase"/>, with a fake clock, a counting signal and helpers to seed groups and scopes.</summary>
internal sealed class ClientTestServices
{
    public const int LevelA = 1;
    public const int LevelB = 2;
    public const int LevelC = 3;
    public const int LevelD = 4;

    private readonly TempDatabase _database;

    public ClientTestServices(TempDatabase database)
    {
        _database = database;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Signal = new TestConfigSignal();
        var audit = new AuditRecorder(database.Factory, Time);
        var writer = new ConfigChangeWriter(Signal, audit);
        Hasher = new ClientPasswordHasher();
        Mail = new MailOutboxService(database.Factory, new FixedOptionsMonitor(new MailOptions()), audit, Time, NullLogger<MailOutboxService>.Instance);
        Clients = new ApiClientService(database.Factory, writer, Hasher, Time);
        Security = new ClientSecurityService(database.Factory, writer, Hasher, Mail, Time);
    }

    public FakeTimeProvider Time { get; }

    public TestConfigSignal Signal { get; }

    public ClientPasswordHasher Hasher { get; }

    public MailOutboxService Mail { get; }

    public ApiClientService Clients { get; }

    public ClientSecurityService Security { get; }

    public static ApiClientInput Input(string clientId) => new()
    {
        ClientId = clientId,
        ClientName = clientId.Replace('.', '-').Replace('@', '-'),
        DisplayName = "Client " + clientId,
        Password = "S3cret pass!",
        ConfirmPassword = "S3cret pass!",
        Note = "test client",
    };

    /// <summary>Creates a group at <paramref name="levelId"/> directly in the database.</summary>
    public async Task<int> AddGroupAsync(string name, int levelId, CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var group = new ApiGroup { Name = name, SecurityLevelId = levelId, CreatedAt = Time.GetUtcNow().UtcDateTime, UpdatedAt = Time.GetUtcNow().UtcDateTime };
        db.ApiGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return group.Id;
    }

    /// <summary>Creates a scope bundling <paramref name="groupIds"/> directly in the database.</summary>
    public async Task<int> AddScopeAsync(string name, IEnumerable<int> groupIds, CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var scope = new ApiScope { Name = name, CreatedAt = Time.GetUtcNow().UtcDateTime, UpdatedAt = Time.GetUtcNow().UtcDateTime };
        scope.Groups.AddRange(groupIds.Select(id => new ApiScopeGroup { ApiGroupId = id }));
        db.ApiScopes.Add(scope);
        await db.SaveChangesAsync(cancellationToken);
        return scope.Id;
    }

    private sealed class FixedOptionsMonitor(MailOptions value) : IOptionsMonitor<MailOptions>
    {
        public MailOptions CurrentValue => value;

        public MailOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MailOptions, string?> listener) => null;
    }
}
