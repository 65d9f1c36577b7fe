using System.Net;
using System.Net.Sockets;

namespace Antonio.Tests.Infrastructure;

/// <summary>Loopback ports nothing listens on right now.</summary>
public static class LoopbackPorts
{
    /// <summary>One the system hands out (and is given back at once): for a server started straight away.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// One below the system's ephemeral range, for a server started a while after its port is chosen (a node that joins a
    /// cluster later, a port written into a balancer's configuration first): the system never gives such a port to an
    /// outgoing connection in the meantime, as it may a port from <see cref="Free"/> (the cluster test met that twice).
    /// </summary>
    public static int FreeForLater(ISet<int>? taken = null)
    {
        var low = EphemeralLow();
        const int from = 20_000;
        var start = Random.Shared.Next(from, low);
        for (var i = 0; i < low - from; i++)
        {
            var port = from + (start - from + i) % (low - from);
            if (taken?.Contains(port) == true) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { } // in use: the next
        }
        throw new InvalidOperationException($"No free loopback port between {from} and {low}.");
    }

    /// <summary>The lowest port of the system's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(range[0], out var low) && low > 20_100) return low;
        }
        catch (IOException) { }
        return 32_768;
    }
}
