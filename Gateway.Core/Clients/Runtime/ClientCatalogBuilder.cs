using System.Collections.Frozen;
using ApiManager.Gateway.Groups;
using ApiManager.Gateway.Scopes;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// Builds the <see cref="ClientCatalog"/> of a snapshot. Never fails for one bad row: an unknown time zone falls back to
/// UTC, an unparsable IP binding matches nothing (the client still needs a matching binding), a group above the
/// client's security level grants nothing; each is reported as a warning.
/// </summary>
internal static class ClientCatalogBuilder
{
    public static ClientCatalog Build(IReadOnlyList<ApiClient> clients, IReadOnlyList<ApiGroup> groups, IReadOnlyList<ApiScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(scopes);
        if (clients.Count == 0)
        {
            return ClientCatalog.Empty;
        }

        var warnings = new List<string>();
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        var groupsById = new Dictionary<int, (ApiGroup Group, GroupWindow Window)>(groups.Count);
        foreach (var group in groups)
        {
            var zone = ResolveZone(group.TimeZoneId, $"API group '{group.Name}' (id {group.Id})", zones, warnings);
            groupsById[group.Id] = (group, new GroupWindow(group.Id, group.Name, group.AllowedDays, new TimeWindow(group.AllowedStartTime, group.AllowedEndTime), zone));
        }

        var scopeGroups = scopes.ToDictionary(s => s.Id, s => s.Groups.Select(g => g.ApiGroupId).ToArray());
        var entries = new Dictionary<string, ClientEntry>(clients.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var client in clients)
        {
            var label = $"Client '{client.ClientId}' (id {client.Id})";
            var zone = ResolveZone(client.TimeZoneId, label, zones, warnings);
            var ranges = new List<IpRange>(client.IpBindings.Count);
            foreach (var binding in client.IpBindings)
            {
                if (IpRange.TryParse(binding.IpAddress, out var range))
                {
                    ranges.Add(range.Value);
                }
                else
                {
                    warnings.Add($"{label}: IP binding '{binding.IpAddress}' ({binding.HostName}) is not an IP address or CIDR; it matches no caller.");
                }
            }

            var groupIds = new HashSet<int>(client.Groups.Select(g => g.ApiGroupId));
            foreach (var scope in client.Scopes)
            {
                if (scopeGroups.TryGetValue(scope.ApiScopeId, out var ids))
                {
                    groupIds.UnionWith(ids);
                }
            }

            var clientRank = client.SecurityLevel?.Rank;
            var grants = new Dictionary<int, List<GroupWindow>>();
            foreach (var groupId in groupIds.Order())
            {
                if (!groupsById.TryGetValue(groupId, out var group))
                {
                    continue;
                }

                if (clientRank is { } rank && group.Group.SecurityLevel is { } level && level.Rank < rank)
                {
                    warnings.Add($"{label}: group '{group.Group.Name}' is at a higher security level than the client; it grants nothing.");
                    continue;
                }

                foreach (var api in group.Group.Apis)
                {
                    if (!grants.TryGetValue(api.ApiDefinitionId, out var list))
                    {
                        grants[api.ApiDefinitionId] = list = [];
                    }

                    list.Add(group.Window);
                }
            }

            var entry = new ClientEntry
            {
                Id = client.Id,
                ClientId = client.ClientId,
                ClientName = client.ClientName,
                TpsPerNode = client.TpsPerNode,
                ApiQuota = Math.Max(0, client.ApiQuota),
                QuotaResetPeriod = client.QuotaResetPeriod,
                Priority = Math.Clamp(client.Priority, 0, 9),
                // A header value must be visible ASCII; any other Application No. is not sent.
                CustomId = client.ApplicationNo is { Length: > 0 } applicationNo && applicationNo.All(c => c is >= ' ' and <= '~') ? applicationNo.Trim() : null,
                PasswordHash = client.PasswordHash,
                Status = client.Status,
                FailedAttemptThreshold = client.FailedAttemptThreshold,
                // An enabled client at or past its threshold was unlocked by an admin who kept the count: start again.
                FailedAttempts = client.Status == ClientStatus.Enabled && client.FailedAttemptThreshold > 0 && client.FailedAttempts >= client.FailedAttemptThreshold ? 0 : Math.Max(0, client.FailedAttempts),
                TimeZone = zone,
                StartDate = client.StartDate,
                ExpiryDate = client.ExpiryDate,
                ServiceTime = new TimeWindow(client.ServiceStartTime, client.ServiceEndTime),
                RequiresIpBinding = client.IpBindings.Count > 0,
                IpBindings = new IpRangeSet(ranges),
                Audience = client.Audience,
                SecurityLevel = client.SecurityLevel?.Code ?? "",
                Grants = grants.ToFrozenDictionary(g => g.Key, g => g.Value.ToArray()),
            };

            if (!entries.TryAdd(client.ClientId.Trim(), entry))
            {
                warnings.Add($"{label}: another client has the same Client ID; only the first is served.");
            }
        }

        return new ClientCatalog(entries.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), warnings);
    }

    private static TimeZoneInfo ResolveZone(string? id, string label, Dictionary<string, TimeZoneInfo> zones, List<string> warnings)
    {
        var key = string.IsNullOrWhiteSpace(id) ? "UTC" : id.Trim();
        if (zones.TryGetValue(key, out var zone))
        {
            return zone;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(key, out zone))
        {
            warnings.Add($"{label}: time zone '{key}' is unknown; UTC is used.");
            zone = TimeZoneInfo.Utc;
        }

        zones[key] = zone;
        return zone;
    }
}
