namespace ApiManager.Gateway.Credentials.OAuth;

/// <summary>
/// Runtime state of one issued token: status and use counter, changed atomically (<see cref="Interlocked"/>) so the
/// quota is exact under concurrency.
/// </summary>
internal sealed class TokenEntry
{
    private int _uses;
    private int _status;
    private int _pendingFlush;

    public required string Jti { get; init; }

    public required OAuthTokenKind Kind { get; init; }

    /// <summary>Database id of the client.</summary>
    public required int ClientDbId { get; init; }

    public required string Subject { get; init; }

    public string? UserName { get; init; }

    /// <summary>Groups the token may call (its scope at issue).</summary>
    public required IReadOnlySet<int> Groups { get; init; }

    public required DateTime ExpiresAt { get; init; }

    /// <summary>Uses allowed; 0 = unlimited.</summary>
    public required int Quota { get; init; }

    public int Uses => Volatile.Read(ref _uses);

    public OAuthTokenStatus Status => (OAuthTokenStatus)Volatile.Read(ref _status);

    public bool UsedUp => Quota > 0 && Uses >= Quota;

    /// <summary>Counts one use; false (nothing counted) when the quota is used up.</summary>
    public bool TryConsume()
    {
        while (true)
        {
            var uses = Volatile.Read(ref _uses);
            if (Quota > 0 && uses >= Quota)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _uses, uses + 1, uses) == uses)
            {
                return true;
            }
        }
    }

    /// <summary>Raises the count to at least <paramref name="uses"/> (a count loaded from the database or another node).</summary>
    public void RaiseUses(int uses)
    {
        while (true)
        {
            var current = Volatile.Read(ref _uses);
            if (current >= uses || Interlocked.CompareExchange(ref _uses, uses, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Moves an active token to <paramref name="status"/>; a revoked or rotated token never becomes active again.</summary>
    public void SetStatus(OAuthTokenStatus status)
    {
        if (status != OAuthTokenStatus.Active)
        {
            Interlocked.CompareExchange(ref _status, (int)status, (int)OAuthTokenStatus.Active);
        }
    }

    /// <summary>True when the caller should queue a flush (none pending yet).</summary>
    public bool MarkPendingFlush() => Interlocked.Exchange(ref _pendingFlush, 1) == 0;

    /// <summary>Allows the next use to queue a flush again (call before reading <see cref="Uses"/> to persist).</summary>
    public void ClearPendingFlush() => Volatile.Write(ref _pendingFlush, 0);

    public static TokenEntry From(OAuthToken row)
    {
        var entry = new TokenEntry
        {
            Jti = row.Jti,
            Kind = row.Kind,
            ClientDbId = row.ApiClientId,
            Subject = row.Subject,
            UserName = row.UserName,
            Groups = ParseGroups(row.GroupIds),
            ExpiresAt = row.ExpiresAt,
            Quota = row.UseQuota,
        };
        entry._uses = row.Uses;
        entry._status = (int)row.Status;
        return entry;
    }

    public static HashSet<int> ParseGroups(string groupIds)
    {
        var groups = new HashSet<int>();
        foreach (var part in groupIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                groups.Add(id);
            }
        }

        return groups;
    }
}
