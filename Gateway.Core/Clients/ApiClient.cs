using ApiManager.Gateway.SecurityLevels;

namespace ApiManager.Gateway.Clients;

/// <summary>
/// An API client (digiRunner's TSMP_CLIENT): the consumer account partners and apps call APIs with. Validity dates and
/// the daily service window are meant in <see cref="TimeZoneId"/>.
/// </summary>
public sealed class ApiClient
{
    public const int DefaultTpsPerNode = 10;
    public const int DefaultPriority = 5;
    public const int DefaultFailedAttemptThreshold = 3;

    public int Id { get; set; }

    /// <summary>Client ID (username): what the client signs in with; unique, case-insensitive.</summary>
    public required string ClientId { get; set; }

    /// <summary>Client name (code): letters, digits, '_' and '-' only.</summary>
    public required string ClientName { get; set; }
    public string? ApplicationNo { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Identity password hash; never shown, logged or returned.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>
    /// Hash of a partner-requested one-time password (portal only, never the gateway); null when none is pending.
    /// Never shown, logged or returned.
    /// </summary>
    public string? ResetPasswordHash { get; set; }

    /// <summary>UTC instant after which <see cref="ResetPasswordHash"/> is refused.</summary>
    public DateTime? ResetPasswordExpiresAt { get; set; }
    public ClientStatus Status { get; set; } = ClientStatus.Enabled;
    public int SecurityLevelId { get; set; }
    public SecurityLevel? SecurityLevel { get; set; }
    public List<ClientIpBinding> IpBindings { get; set; } = [];
    public DateOnly? StartDate { get; set; }
    public DateOnly? ExpiryDate { get; set; }
    public TimeOnly? ServiceStartTime { get; set; }
    public TimeOnly? ServiceEndTime { get; set; }

    /// <summary>IANA or Windows time zone id; default UTC.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Calls allowed per reset period; 0 = unlimited.</summary>
    public long ApiQuota { get; set; }
    public QuotaResetPeriod QuotaResetPeriod { get; set; } = QuotaResetPeriod.Daily;

    /// <summary>Calls per second per gateway node; 0 = unlimited.</summary>
    public int TpsPerNode { get; set; } = DefaultTpsPerNode;

    /// <summary>0 (highest) to 9 (lowest).</summary>
    public int Priority { get; set; } = DefaultPriority;
    public required string Note { get; set; }
    public ClientAudience Audience { get; set; } = ClientAudience.InternalAndExternal;

    /// <summary>Comma-separated addresses.</summary>
    public string? Emails { get; set; }
    public string? Remark { get; set; }

    /// <summary>Wrong passwords before the client is locked (default 3).</summary>
    public int FailedAttemptThreshold { get; set; } = DefaultFailedAttemptThreshold;
    public int FailedAttempts { get; set; }
    public List<ClientGroup> Groups { get; set; } = [];
    public List<ClientScope> Scopes { get; set; } = [];
    /// <summary>OAuth grants the client may use (Token settings).</summary>
    public Credentials.OAuth.OAuthGrants AllowedGrants { get; set; } = Credentials.OAuth.OAuthGrants.Default;

    /// <summary>Access-token lifetime in seconds.</summary>
    public int AccessTokenValidity { get; set; } = 3600;

    /// <summary>Proxied calls one access token may make; 0 = unlimited.</summary>
    public int AccessTokenQuota { get; set; }

    /// <summary>Refresh-token lifetime in seconds.</summary>
    public int RefreshTokenValidity { get; set; } = 86400;

    /// <summary>Refreshes one refresh grant may make; 0 = unlimited.</summary>
    public int RefreshTokenQuota { get; set; }

    /// <summary>Redirect URLs for the authorization-code grant, one per line (0–5).</summary>
    public string? RedirectUris { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
