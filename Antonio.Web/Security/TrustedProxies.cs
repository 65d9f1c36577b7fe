using System.Net;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// The configured proxies as networks, and the one question every consumer asks: did this request's
/// connection come from one of them? It is asked of the connection's own address, before the
/// forwarded-headers middleware replaces it with the client's.
/// </summary>
public sealed class TrustedProxies(IOptions<NetworkOptions> options)
{
    public IReadOnlyList<IPNetwork> Networks { get; } =
        options.Value.TrustedProxies.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => Parse(e)!.Value).ToList();

    public bool Contains(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in Networks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>"10.0.0.0/8" or a single address ("127.0.0.1" = /32, "::1" = /128); null when neither.</summary>
    public static IPNetwork? Parse(string entry)
    {
        entry = entry.Trim();
        if (IPNetwork.TryParse(entry, out var network)) return network;
        return IPAddress.TryParse(entry, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}

/// <summary>Set on every request: whether its connection came from a trusted proxy (so its forwarded and country headers count).</summary>
public sealed record ProxiedRequest(bool ViaTrustedProxy)
{
    public static bool IsTrusted(HttpContext? context) => context?.Features.Get<ProxiedRequest>()?.ViaTrustedProxy == true;
}
