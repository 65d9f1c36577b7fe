using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), keeping what it receives as parsed
/// MIME messages. The app under test sends to it through MailKit, as it would to any relay. It can be
/// stopped and started again on the same port to play an outage.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    private CancellationTokenSource? _stop;
    private Task? _running;

    private TestSmtpServer(int port) => Port = port;

    public static TestSmtpServer Start()
    {
        var server = new TestSmtpServer(LoopbackPorts.Free());
        server.Resume();
        return server;
    }

    /// <summary>Starts listening (again).</summary>
    public void Resume()
    {
        if (_running is not null) return;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>Stops listening: connections are refused until <see cref="Resume"/>.</summary>
    public async Task PauseAsync()
    {
        if (_running is null) return;
        await _stop!.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _running = null;
    }

    /// <summary>Messages to one address (case-insensitive).</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until a message to <paramref name="address"/> matching the filter has arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (To(address).FirstOrDefault(m => match?.Invoke(m) ?? true) is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no e-mail to {address} arrived");
    }

    /// <summary>The first http(s) link in a message's text part.</summary>
    public static Uri LinkIn(MimeMessage message) =>
        new(System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+").Value);

    public async ValueTask DisposeAsync() => await PauseAsync();

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
