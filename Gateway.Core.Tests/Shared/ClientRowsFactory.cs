using System.Collections.Frozen;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;
using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Gateway.Tests.Shared;

/// <summary>In-memory client, group and scope rows for enforcement unit tests. The password hash is computed once.</summary>
internal static class ClientRowsFactory
{
    public const string Password = "s3cret-Pass";

    public static readonly ClientPasswordHasher Hasher = new();

    public static readonly string PasswordHash = Hasher.Hash(Password);

    public static readonly SecurityLevel LevelA = new() { Id = 1, Code = "A", Name = "A", Rank = 1 };

    public static readonly SecurityLevel LevelD = new() { Id = 4, Code = "D", Name = "D", Rank = 4 };

    public static ApiClient Client(int id, string clientId, params int[] groupIds) => new()
    {
        Id = id,
        ClientId = clientId,
        ClientName = clientId + "-name",
        DisplayName = clientId + " display",
        PasswordHash = PasswordHash,
        Note = "",
        SecurityLevelId = LevelD.Id,
        SecurityLevel = LevelD,
        Groups = [.. groupIds.Select(g => new ClientGroup { ApiClientId = id, ApiGroupId = g })],
    };

    public static ApiGroup Group(int id, params int[] apiIds) => new()
    {
        Id = id,
        Name = "group-" + id,
        SecurityLevelId = LevelD.Id,
        SecurityLevel = LevelD,
        Apis = [.. apiIds.Select(a => new ApiGroupApi { ApiGroupId = id, ApiDefinitionId = a })],
    };

    public static ApiScope Scope(int id, params int[] groupIds) => new()
    {
        Id = id,
        Name = "scope-" + id,
        Groups = [.. groupIds.Select(g => new ApiScopeGroup { ApiScopeId = id, ApiGroupId = g })],
    };

    /// <summary>An enabled client as the gateway enforces it: no dates, bindings or grants; <paramref name="tps"/> TPS/Node.</summary>
    public static ClientEntry Entry(int id, int tps = 0) => new()
    {
        Id = id,
        ClientId = "c" + id,
        ClientName = "c" + id,
        PasswordHash = "x",
        Status = ClientStatus.Enabled,
        FailedAttemptThreshold = 3,
        FailedAttempts = 0,
        TimeZone = TimeZoneInfo.Utc,
        ServiceTime = new TimeWindow(null, null),
        RequiresIpBinding = false,
        IpBindings = IpRangeSet.Empty,
        Audience = ClientAudience.InternalAndExternal,
        SecurityLevel = "D",
        Grants = new Dictionary<int, GroupWindow[]>().ToFrozenDictionary(),
        TpsPerNode = tps,
    };
}
