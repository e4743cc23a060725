using ApiManager.Gateway.Clients;

namespace ApiManager.Admin.Model;

/// <summary>The editable state of the API client form (mutable for binding); converts to <see cref="ApiClientInput"/>.</summary>
internal sealed class ClientForm
{
    public string ClientId { get; set; } = "";
    public string ClientName { get; set; } = "";
    public string? ApplicationNo { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public List<ClientIpBindingRow> IpBindings { get; set; } = [];
    public DateTime? StartDate { get; set; }
    public DateTime? ExpiryDate { get; set; }
    public TimeSpan? ServiceStartTime { get; set; }
    public TimeSpan? ServiceEndTime { get; set; }
    public string TimeZoneId { get; set; } = "UTC";
    public long ApiQuota { get; set; }
    public QuotaResetPeriod QuotaResetPeriod { get; set; } = QuotaResetPeriod.Daily;
    public int TpsPerNode { get; set; } = ApiClient.DefaultTpsPerNode;
    public int Priority { get; set; } = ApiClient.DefaultPriority;
    public string Note { get; set; } = "";
    public ClientStatus Status { get; set; } = ClientStatus.Enabled;
    public ClientAudience Audience { get; set; } = ClientAudience.InternalAndExternal;
    public string? Emails { get; set; }
    public string? Remark { get; set; }
    public Guid? ConcurrencyStamp { get; set; }

    public static ClientForm From(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClientForm
        {
            ClientId = client.ClientId,
            ClientName = client.ClientName,
            ApplicationNo = client.ApplicationNo,
            DisplayName = client.DisplayName,
            IpBindings = [.. client.IpBindings.OrderBy(b => b.Id).Select(b => new ClientIpBindingRow { HostName = b.HostName, IpAddress = b.IpAddress })],
            StartDate = client.StartDate?.ToDateTime(TimeOnly.MinValue),
            ExpiryDate = client.ExpiryDate?.ToDateTime(TimeOnly.MinValue),
            ServiceStartTime = client.ServiceStartTime?.ToTimeSpan(),
            ServiceEndTime = client.ServiceEndTime?.ToTimeSpan(),
            TimeZoneId = client.TimeZoneId,
            ApiQuota = client.ApiQuota,
            QuotaResetPeriod = client.QuotaResetPeriod,
            TpsPerNode = client.TpsPerNode,
            Priority = client.Priority,
            Note = client.Note,
            Status = client.Status,
            Audience = client.Audience,
            Emails = client.Emails,
            Remark = client.Remark,
            ConcurrencyStamp = client.ConcurrencyStamp,
        };
    }

    public ApiClientInput ToInput() => new()
    {
        ClientId = ClientId,
        ClientName = ClientName,
        ApplicationNo = ApplicationNo,
        DisplayName = DisplayName,
        Password = Password,
        ConfirmPassword = ConfirmPassword,
        IpBindings = [.. IpBindings.Select(b => new ClientIpBindingInput { HostName = b.HostName, IpAddress = b.IpAddress })],
        StartDate = StartDate is { } start ? DateOnly.FromDateTime(start) : null,
        ExpiryDate = ExpiryDate is { } expiry ? DateOnly.FromDateTime(expiry) : null,
        ServiceStartTime = ServiceStartTime is { } from ? TimeOnly.FromTimeSpan(from) : null,
        ServiceEndTime = ServiceEndTime is { } to ? TimeOnly.FromTimeSpan(to) : null,
        TimeZoneId = TimeZoneId,
        ApiQuota = ApiQuota,
        QuotaResetPeriod = QuotaResetPeriod,
        TpsPerNode = TpsPerNode,
        Priority = Priority,
        Note = Note,
        Status = Status,
        Audience = Audience,
        Emails = Emails,
        Remark = Remark,
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
