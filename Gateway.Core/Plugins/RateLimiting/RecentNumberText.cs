using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Plugins.RateLimiting;

/// <summary>
/// The text of a number that changes slowly (a window's reset seconds change once a second): the last value and its
/// string are kept, so calls in the same second share one string. Safe for concurrent callers (the pair is immutable
/// and swapped whole; a race only formats the number twice).
/// </summary>
internal sealed class RecentNumberText
{
    private Entry? _last;

    public string Of(long value)
    {
        if ((ulong)value < 1024)
        {
            return NumberText.Of(value);
        }

        var last = Volatile.Read(ref _last);
        if (last is not null && last.Value == value)
        {
            return last.Text;
        }

        var text = NumberText.Of(value);
        Volatile.Write(ref _last, new Entry(value, text));
        return text;
    }

    private sealed record Entry(long Value, string Text);
}
