using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>
/// An IPv4 or IPv6 address or CIDR range, parsed once. Host bits after the prefix are ignored (<c>10.1.2.3/8</c> is
/// <c>10.0.0.0/8</c>); IPv4-mapped IPv6 addresses are compared as IPv4.
/// </summary>
internal readonly struct IpRange
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private IpRange(bool isIPv6, UInt128 network, UInt128 mask)
    {
        IsIPv6 = isIPv6;
        _network = network & mask;
        _mask = mask;
    }

    public bool IsIPv6 { get; }

    /// <summary>Parses <c>address</c> or <c>address/prefix</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpRange? range)
    {
        range = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(addressPart, out var address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            return false;
        }

        address = Normalize(address);
        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var bits = isIPv6 ? 128 : 32;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return false;
        }

        var mask = prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix);
        if (!isIPv6)
        {
            mask >>= 96;
        }

        range = new IpRange(isIPv6, ToNumber(address), mask);
        return true;
    }

    /// <summary>True when <paramref name="address"/> (already <see cref="Normalize"/>d) is in the range.</summary>
    public bool Contains(IPAddress address)
    {
        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        return isIPv6 == IsIPv6 && (ToNumber(address) & _mask) == _network;
    }

    /// <summary>IPv4-mapped IPv6 addresses (<c>::ffff:1.2.3.4</c>) become IPv4.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
