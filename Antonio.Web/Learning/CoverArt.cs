using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Antonio.Web.Learning;

/// <summary>
/// Where a cover (or a poster made from it) is drawn from. The bundled cover art (wwwroot/img/covers, embedded in
/// the assembly too) goes into the page as a data: URL: the browser draws such an image with the first paint, so a
/// cover that is a page's largest element never waits for a request. Any other cover (an admin's https:// link or a
/// path on this site) is left as it is; the page gives the first of them a high fetch priority instead.
/// </summary>
public static partial class CoverArt
{
    public const string Default = "/img/covers/0.svg";
    private const string PosterArt = "/img/poster.svg";

    /// <summary>The image source for a workshop's cover: null means the default art.</summary>
    public static string Source(string? cover) =>
        Bundled.TryGetValue(cover ?? Default, out var inline) ? inline : cover!;

    /// <summary>A video's poster: the workshop's cover, or (none) the bundled poster art.</summary>
    public static string Poster(string? cover) => Source(cover ?? PosterArt);

    /// <summary>Whether <see cref="Source"/> draws this cover without a request.</summary>
    public static bool IsInline(string? cover) => Bundled.ContainsKey(cover ?? Default);

    [GeneratedRegex(@"^Antonio\.Web\.covers\.(\d+|poster)\.svg$")]
    private static partial Regex CoverResource();

    private static readonly FrozenDictionary<string, string> Bundled = Load();

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(CoverArt).Assembly;
        var covers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (CoverResource().Match(name) is not { Success: true } match) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var file = match.Groups[1].Value;
            covers[file == "poster" ? PosterArt : $"/img/covers/{file}.svg"] = DataUrl(reader.ReadToEnd());
        }
        return covers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// An SVG as a data: URL. Percent-encodes what a URL cannot carry (%, #, angle brackets, quotes) and what the
    /// page's HTML encoder would spell as a longer entity; everything else stays readable and short.
    /// </summary>
    internal static string DataUrl(string svg)
    {
        var url = new System.Text.StringBuilder("data:image/svg+xml,", svg.Length + 64);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(svg.Trim()))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || " -_.~!$()*,;=:@/?".Contains(c)) url.Append(c);
            else url.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return url.ToString();
    }
}
