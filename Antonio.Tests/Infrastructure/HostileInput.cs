namespace Antonio.Tests.Infrastructure;

/// <summary>Bad values every route and form must survive, and what a response must never show.</summary>
public static class HostileInput
{
    public static readonly IReadOnlyList<string> Values =
    [
        "", " ", "\0", "a\0b", "%00", "%", "%%", "%ZZ", "%c0%ae%c0%ae/", "..", "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f",
        "/etc/passwd", "C:\\Windows\\win.ini", "\\\\server\\share", new string('a', 201), new string('x', 2000), "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE users; --", "\" OR \"\"=\"", "${7*7}", "{{7*7}}", "@(1+1)", "%{7*7}",
        "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999", "1e309", "NaN", "-Infinity", "0x7fffffff",
        "1.5", "1,5", "abc", "true", "null", "undefined", "[]", "{}", "00000000-0000-0000-0000-000000000000", "not-a-guid",
        "\u202e\u0644\u0627", "😀🎉", "ünïcödé", "中文字符", "\r\nSet-Cookie: x=y", "\t\t", "javascript:alert(1)", "//evil.example",
        "https://evil.example/", "admin@antonio.dev", "a@b", "\u0001\u0002\u001f", "\uFEFF",
    ];

    /// <summary>No exception text, stack frame or file path of the server in a response.</summary>
    public static void AssertNoLeak(string body, string what)
    {
        foreach (var marker in new[] { "Exception:", "Exception (0x", "   at ", ".cs:line", "--- End of", "StackTrace", AppContext.BaseDirectory, "/work/" })
            Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{what}: the response shows '{marker}'");
    }
}
