using System.Text;

namespace Antonio.Web.PageCaching;

/// <summary>
/// A rendered page cut at its viewer slots: literal texts and (slot, argument) holes — texts[0], holes[0],
/// texts[1], … texts[n] — as UTF-8 and as deflate blocks ready to send gzip (<see cref="GzipSegments"/>),
/// with the headers the page set, and for each hole the slot source that fills it (an index into the
/// sources the template was cut for). Immutable; shared by every viewer with the same access decision.
/// </summary>
public sealed record ViewerPageTemplate(byte[][] Texts, byte[][] Deflated, (string Slot, string Argument)[] Holes, int[] HoleSources,
    Dictionary<string, string> Headers)
{
    /// <summary>The cached value the page was rendered from (<see cref="ViewerPageVariant.Basis"/>); set once, when it is kept.</summary>
    public object? Basis { get; init; }

    /// <param name="sourceOf">The index of the source that fills a slot, or -1 when no source fills it: such a token stays in the page as text.</param>
    public static ViewerPageTemplate Parse(string html, Dictionary<string, string> headers, Func<string, int> sourceOf)
    {
        var texts = new List<byte[]>();
        var holes = new List<(string, string)>();
        var sources = new List<int>();
        var text = new StringBuilder();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match m in ViewerSlots.Pattern().Matches(html))
        {
            var source = sourceOf(m.Groups[1].Value);
            if (source < 0) continue; // not a slot anyone fills: left as it stands
            text.Append(html, at, m.Index - at);
            texts.Add(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
            holes.Add((m.Groups[1].Value, m.Groups[2].Value));
            sources.Add(source);
            at = m.Index + m.Length;
        }
        text.Append(html, at, html.Length - at);
        texts.Add(Encoding.UTF8.GetBytes(text.ToString()));
        return new ViewerPageTemplate([.. texts], [.. texts.Select(t => GzipSegments.Deflate(t))], [.. holes], [.. sources], headers);
    }
}
