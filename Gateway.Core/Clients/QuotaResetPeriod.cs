namespace ApiManager.Gateway.Clients;

/// <summary>When a client's API quota usage starts again from zero.</summary>
public enum QuotaResetPeriod
{
    None = 0,
    Daily = 1,
    Weekly = 2,
    Monthly = 3,
}
