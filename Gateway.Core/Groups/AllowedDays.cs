namespace ApiManager.Gateway.Groups;

/// <summary>Days of the week a group may be used (bit per day, Sunday = 1).</summary>
[Flags]
public enum AllowedDays
{
    None = 0,
    Sunday = 1,
    Monday = 2,
    Tuesday = 4,
    Wednesday = 8,
    Thursday = 16,
    Friday = 32,
    Saturday = 64,
    All = Sunday | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday,
}
