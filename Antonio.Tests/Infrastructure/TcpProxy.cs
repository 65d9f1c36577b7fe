using System.Net;
using System.Net.Sockets;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder the tests can cut, to make PostgreSQL "go away" for one app without
/// stopping the shared server. Cut() closes the listener and every open connection.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch { return; }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(_targetHost, _targetPort); }
            catch { client.Dispose(); continue; }
            lock (_open) { _open.Add(client); _open.Add(upstream); }
            _ = PumpAsync(client.GetStream(), upstream.GetStream());
            _ = PumpAsync(upstream.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        try { await from.CopyToAsync(to, _stop.Token); }
        catch { /* cut or closed */ }
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var c in _open) c.Dispose();
            _open.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
