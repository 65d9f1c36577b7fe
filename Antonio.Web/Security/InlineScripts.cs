using System.Security.Cryptography;
using System.Text;

namespace Antonio.Web.Security;

/// <summary>
/// The one inline script the Content-Security-Policy allows, by the SHA-256 of its exact text (so no injected
/// script runs, while the page boots without a request of its own): Ui/page-boot.js, embedded in the assembly.
/// </summary>
public static class InlineScripts
{
    public static string PageBoot => Boot.Value.Text;

    /// <summary>The policy's source expression for it: 'sha256-…'.</summary>
    public static string PageBootSource => Boot.Value.Source;

    private static readonly Lazy<(string Text, string Source)> Boot = new(() =>
    {
        using var stream = typeof(InlineScripts).Assembly.GetManifestResourceStream("Antonio.Web.page-boot.js")
            ?? throw new InvalidOperationException("The embedded page boot script is missing.");
        using var reader = new StreamReader(stream);
        // Its comments stay in the source: every page carries the script, so they are left out of the page.
        var text = string.Join('\n', reader.ReadToEnd().Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        return (text, $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'");
    });
}
