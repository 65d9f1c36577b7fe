using System.Text;

namespace Antonio.Web.PageCaching;

/// <summary>
/// A rendered page cut at its viewer slots: literal texts and (slot, argument) holes — texts[0], holes[0],
/// texts[1], … texts[n] — as UTF-8 and as deflate blocks ready to send gzip (<see cref="GzipSegments"/>),
/// with the headers the page set, and for each hole the slot source that fills it (an index into the
/// sources the template was cut for) and the width its value must have (-1: any). Immutable; shared by
/// every viewer with the same access decision. Made in two steps: <see cref="Parse"/> cuts the page,
/// <see cref="Compress"/> deflates its texts once the widths are known.
/// </summary>
public sealed record ViewerPageTemplate(byte[][] Texts, byte[][] Deflated, (string Slot, string Argument)[] Holes, int[] HoleSources,
    int[] HoleWidths, Dictionary<string, string> Headers)
{
    /// <summary>The cached value the page was rendered from (<see cref="ViewerPageVariant.Basis"/>); set once, when it is kept.</summary>
    public object? Basis { get; init; }

    /// <summary>Whether these values fit the holes: each fixed-width hole's value has its width (the deflated texts were made for it).</summary>
    public bool Fits(byte[][] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (HoleWidths[i] >= 0 && values[i].Length != HoleWidths[i]) return false;
        return true;
    }

    /// <summary>The page cut at its slots, not compressed yet (every width -1, no deflated texts).</summary>
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
        return new ViewerPageTemplate([.. texts], [], [.. holes], [.. sources], [.. holes.Select(_ => -1)], headers);
    }

    /// <summary>The template with its texts deflated for these hole widths (-1: the value's width varies).</summary>
    public ViewerPageTemplate Compress(int[] widths) => this with { Deflated = Deflate(Texts, widths), HoleWidths = widths };

    /// <summary>
    /// Each text compressed against the texts before it, back to the last hole whose width varies (past
    /// it no distance is known); a fixed-width hole counts as that many placeholders.
    /// </summary>
    private static byte[][] Deflate(byte[][] texts, int[] widths)
    {
        // A text holding the placeholder byte could match one: then nothing is compressed across holes.
        var across = !texts.Any(t => t.AsSpan().Contains(GzipSegments.Placeholder));
        var deflated = new byte[texts.Length][];
        var run = new GzipSegments.Run();
        try
        {
            for (var i = 0; i < texts.Length; i++)
            {
                deflated[i] = run.Deflate(texts[i]);
                if (i == widths.Length) break;
                if (across && widths[i] >= 0) run.Skip(widths[i]);
                else
                {
                    run.Dispose();
                    run = new GzipSegments.Run();
                }
            }
        }
        finally
        {
            run.Dispose();
        }
        return deflated;
    }
}
