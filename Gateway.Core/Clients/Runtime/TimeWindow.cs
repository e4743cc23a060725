namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// A daily time window, start inclusive and end exclusive, that may cross midnight (22:00–06:00). A missing start
/// means 00:00, a missing end the end of the day; both missing (or equal) means all day.
/// </summary>
internal readonly record struct TimeWindow(TimeOnly? Start, TimeOnly? End)
{
    public bool IsAllDay => (Start is null && End is null) || (Start is { } s && End is { } e && s == e);

    public bool Contains(TimeOnly time)
    {
        if (IsAllDay)
        {
            return true;
        }

        var start = Start ?? TimeOnly.MinValue;
        if (End is not { } end)
        {
            return time >= start;
        }

        return start < end ? time >= start && time < end : time >= start || time < end;
    }
}
