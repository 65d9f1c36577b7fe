using System.Net;
using System.Net.Sockets;

namespace Antonio.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on right now (the system hands one out, and it is given back at once).</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
