namespace ApiManager.Gateway.Runtime;

/// <summary>The single row whose version is bumped in the same transaction as every config write.</summary>
public sealed class ConfigVersion
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long Version { get; set; }
    public DateTime UpdatedAt { get; set; }
}
