using System.Net;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>A list of <see cref="IpRange"/>s checked with a plain loop.</summary>
internal sealed class IpRangeSet
{
    private readonly IpRange[] _ranges;

    public IpRangeSet(IEnumerable<IpRange> ranges)
    {
        _ranges = [.. ranges];
    }

    public static IpRangeSet Empty { get; } = new([]);

    public int Count => _ranges.Length;

    /// <summary>Parses every entry; throws <see cref="FormatException"/> naming the first bad one.</summary>
    public static IpRangeSet Parse(IEnumerable<string> entries)
    {
        var ranges = new List<IpRange>();
        foreach (var entry in entries)
        {
            if (!IpRange.TryParse(entry, out var range))
            {
                throw new FormatException($"'{entry}' is not an IP address or CIDR range.");
            }

            ranges.Add(range.Value);
        }

        return new IpRangeSet(ranges);
    }

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var ranges = _ranges;
        for (var i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
