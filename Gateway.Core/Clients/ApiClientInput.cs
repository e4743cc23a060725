namespace ApiManager.Gateway.Clients;

/// <summary>
/// What an admin submits to create or update an API client. <see cref="Password"/> and <see cref="ConfirmPassword"/>
/// are read on create only (updates change the password through <see cref="ClientSecurityService"/>).
/// </summary>
public sealed record ApiClientInput
{
    public string ClientId { get; init; } = "";
    public string ClientName { get; init; } = "";
    public string? ApplicationNo { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Password { get; init; }
    public string? ConfirmPassword { get; init; }

    /// <summary>Level on create; null = the default level. Ignored on update (see <see cref="ClientSecurityService"/>).</summary>
    public int? SecurityLevelId { get; init; }
    public IReadOnlyList<ClientIpBindingInput> IpBindings { get; init; } = [];
    public DateOnly? StartDate { get; init; }
    public DateOnly? ExpiryDate { get; init; }
    public TimeOnly? ServiceStartTime { get; init; }
    public TimeOnly? ServiceEndTime { get; init; }
    public string TimeZoneId { get; init; } = "UTC";
    public long ApiQuota { get; init; }
    public QuotaResetPeriod QuotaResetPeriod { get; init; } = QuotaResetPeriod.Daily;
    public int TpsPerNode { get; init; } = ApiClient.DefaultTpsPerNode;
    public int Priority { get; init; } = ApiClient.DefaultPriority;
    public string Note { get; init; } = "";
    public ClientStatus Status { get; init; } = ClientStatus.Enabled;
    public ClientAudience Audience { get; init; } = ClientAudience.InternalAndExternal;

    /// <summary>Comma-separated addresses.</summary>
    public string? Emails { get; init; }
    public string? Remark { get; init; }

    /// <summary>The stamp read with the entity; a mismatch on update means someone else changed it.</summary>
    public Guid? ConcurrencyStamp { get; init; }

    /// <summary>The editable fields of <paramref name="c"/> (never its password or hash).</summary>
    public static ApiClientInput From(ApiClient c) => new()
    {
        ClientId = c.ClientId,
        ClientName = c.ClientName,
        ApplicationNo = c.ApplicationNo,
        DisplayName = c.DisplayName,
        SecurityLevelId = c.SecurityLevelId,
        IpBindings = [.. c.IpBindings.OrderBy(b => b.Id).Select(b => new ClientIpBindingInput { HostName = b.HostName, IpAddress = b.IpAddress })],
        StartDate = c.StartDate,
        ExpiryDate = c.ExpiryDate,
        ServiceStartTime = c.ServiceStartTime,
        ServiceEndTime = c.ServiceEndTime,
        TimeZoneId = c.TimeZoneId,
        ApiQuota = c.ApiQuota,
        QuotaResetPeriod = c.QuotaResetPeriod,
        TpsPerNode = c.TpsPerNode,
        Priority = c.Priority,
        Note = c.Note,
        Status = c.Status,
        Audience = c.Audience,
        Emails = c.Emails,
        Remark = c.Remark,
        ConcurrencyStamp = c.ConcurrencyStamp,
    };
}
