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

    /// <param name="sourceOf">The index of the source that fills a slot; throws for a slot no source fills.</param>
    public static ViewerPageTemplate Parse(string html, Dictionary<string, string> headers, Func<string, int> sourceOf)
    {
        var texts = new List<byte[]>();
        var holes = new List<(string, string)>();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match m in ViewerSlots.Pattern().Matches(html))
        {
            texts.Add(Encoding.UTF8.GetBytes(html[at..m.Index]));
            holes.Add((m.Groups[1].Value, m.Groups[2].Value));
            at = m.Index + m.Length;
        }
        texts.Add(Encoding.UTF8.GetBytes(html[at..]));
        return new ViewerPageTemplate([.. texts], [.. texts.Select(t => GzipSegments.Deflate(t))], [.. holes],
            [.. holes.Select(h => sourceOf(h.Item1))], headers);
    }
}
