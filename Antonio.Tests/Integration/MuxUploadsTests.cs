using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #31: the Mux API client goes through the framework's resilience handler. A Mux that accepts the connection
/// and never answers is given up on within <see cref="MuxUploads.Patience"/> (the admin is told to try again, never a
/// 500 or a hung editor), and a failed upload request is not sent twice (it is a POST: Mux would make a second upload).
/// </summary>
[Trait("Category", "Integration")]
public sealed class MuxUploadsTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private static Dictionary<string, string?> MuxAt(int port) => new()
    {
        ["Antonio:Video:MuxTokenId"] = "token-id",
        ["Antonio:Video:MuxTokenSecret"] = "token-secret",
        ["Antonio:Video:MuxApiUrl"] = $"http://127.0.0.1:{port}",
    };

    [Fact]
    public async Task A_mux_that_never_answers_is_given_up_on_in_seconds()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try { while (true) held.Add(await silent.AcceptTcpClientAsync()); } // reads nothing, answers nothing
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
        await using var app = await TestApp.StartAsync(fixture.Database, settings: MuxAt(((IPEndPoint)silent.LocalEndpoint).Port));

        var watch = Stopwatch.StartNew();
        Assert.Null(await app.Service<MuxUploads>().CreateAsync(Guid.NewGuid()));
        Assert.True(watch.Elapsed < MuxUploads.Patience * 2, $"gave up after {watch.Elapsed}");
        Assert.True(watch.Elapsed >= MuxUploads.Patience - TimeSpan.FromSeconds(1), $"gave up after {watch.Elapsed}: too soon to be the timeout");
        silent.Stop();
        await accepting; // ended by the stop: nothing adds to the list after this
        foreach (var client in held) client.Dispose();
    }

    [Fact]
    public async Task A_failed_upload_request_is_not_sent_twice()
    {
        using var failing = new TcpListener(IPAddress.Loopback, 0);
        failing.Start();
        var requests = 0;
        var answering = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var client = await failing.AcceptTcpClientAsync();
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var read = await stream.ReadAsync(buffer);
                    if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("POST /video/v1/uploads", StringComparison.Ordinal)) Interlocked.Increment(ref requests);
                    await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException) { }
        });
        await using var app = await TestApp.StartAsync(fixture.Database, settings: MuxAt(((IPEndPoint)failing.LocalEndpoint).Port));

        // The call returns once the handler has made every attempt it will make.
        Assert.Null(await app.Service<MuxUploads>().CreateAsync(Guid.NewGuid()));
        Assert.Equal(1, Volatile.Read(ref requests));
        failing.Stop();
        await answering;
    }
}
