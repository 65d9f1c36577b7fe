using System.Net.Sockets;
using System.Text;

namespace Antonio.Tests.Infrastructure;

/// <summary>Requests no well-behaved HTTP client can send (no Host, broken chunking, a body that stalls), written to a socket by hand.</summary>
public static class RawHttp
{
    /// <summary>Sends the bytes, optionally waits, sends more, and returns what the server answered (until it closes or 10 s pass).</summary>
    public static async Task<string> SendAsync(Uri app, string head, string? afterPause = null, TimeSpan? pause = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Host, app.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        if (pause is { } wait) await Task.Delay(wait);
        if (afterPause is not null)
        {
            try { await stream.WriteAsync(Encoding.ASCII.GetBytes(afterPause)); }
            catch (IOException) { /* the server may have given up on us already */ }
        }
        var answer = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (answer.ToString().Contains("\r\n0\r\n\r\n") || LooksComplete(answer.ToString())) break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException) { }
        return answer.ToString();
    }

    /// <summary>The status code of a raw answer ("HTTP/1.1 400 Bad Request" → 400), 0 when the connection closed with no answer.</summary>
    public static int Status(string answer) =>
        answer.StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(answer.Split(' ')[1], out var code) ? code : 0;

    private static bool LooksComplete(string answer)
    {
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var match = System.Text.RegularExpressions.Regex.Match(answer[..end], @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return match.Success && answer.Length - end - 4 >= int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
