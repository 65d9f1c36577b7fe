using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Antonio.Web.Admin;

/// <summary>
/// Mux's webhook signature: the header <c>Mux-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> over
/// <c>"{t}.{body}"</c> with the webhook's signing secret. An old timestamp is refused (a captured event cannot be
/// replayed days later); the comparison takes the same time whatever matches.
/// </summary>
public static class MuxSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Header(string secret, string body, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Sign(secret, t, body))}";
    }

    public static bool IsValid(string? header, string body, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 1000) return false;
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? (part[..i].Trim(), part[(i + 1)..].Trim()) : ("", "");
            if (key == "t") t = value;
            else if (key == "v1") signatures.Add(value);
        }
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds > long.MaxValue / 1000 || (now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799))).Duration() > Tolerance) return false;
        var expected = Sign(secret, t, body);
        return signatures.Any(s => s.Length == expected.Length * 2 && IsHex(s) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(s), expected));
    }

    private static byte[] Sign(string secret, string t, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigit);
}
