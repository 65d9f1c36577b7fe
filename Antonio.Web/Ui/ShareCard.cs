using System.Collections.Concurrent;
using SkiaSharp;

namespace Antonio.Web.Ui;

/// <summary>One line of a share card: its text, size, weight and colour.</summary>
public sealed record ShareCardLine(string Text, float Size, bool Bold = false, bool Accent = false, bool Muted = false, float After = 60);

/// <summary>
/// Open Graph images (1200 × 630 PNG, the size link previews use): centred lines on a framed card, drawn with
/// SkiaSharp in the bundled DejaVu Serif so they look the same on every machine. Long lines shrink, then end in "…".
/// </summary>
public static class ShareCard
{
    public const int Width = 1200, Height = 630;

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSerif.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSerif-Bold.ttf"));
    private static readonly SKColor Paper = new(0xFB, 0xF8, 0xF1), Ink = new(0x1F, 0x23, 0x28), AccentColor = new(0x3D, 0x3A, 0xB8), MutedColor = new(0x5B, 0x61, 0x6B);

    public static byte[] Png(IReadOnlyList<ShareCardLine> lines)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        using (var frame = new SKPaint { Color = AccentColor, Style = SKPaintStyle.Stroke, StrokeWidth = 10, IsAntialias = true })
            canvas.DrawRect(28, 28, Width - 56, Height - 56, frame);
        using (var inner = new SKPaint { Color = AccentColor.WithAlpha(90), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true })
            canvas.DrawRect(48, 48, Width - 96, Height - 96, inner);
        // Vertically centred: the block's height is the lines' advances (the last one's own size).
        var block = lines.Take(lines.Count - 1).Sum(l => l.After) + (lines.Count > 0 ? lines[^1].Size : 0);
        var y = (Height - block) / 2 + (lines.Count > 0 ? lines[0].Size * 0.8f : 0);
        foreach (var line in lines)
        {
            Draw(canvas, line, y);
            y += line.After;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Draw(SKCanvas canvas, ShareCardLine line, float y)
    {
        const float maxWidth = Width - 200;
        using var font = new SKFont(line.Bold ? Bold.Value : Regular.Value, line.Size);
        var text = line.Text;
        while (font.MeasureText(text) > maxWidth && font.Size > line.Size * 0.6f) font.Size -= 2;
        if (font.MeasureText(text) > maxWidth)
        {
            while (text.Length > 1 && font.MeasureText(text + "…") > maxWidth) text = text[..^1];
            text = text.TrimEnd() + "…";
        }
        using var paint = new SKPaint { Color = line.Accent ? AccentColor : line.Muted ? MutedColor : Ink, IsAntialias = true };
        canvas.DrawText(text, Width / 2f, y, SKTextAlign.Center, font, paint);
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(ShareCard).Assembly.GetManifestResourceStream("Antonio.Web.Fonts." + file)
            ?? throw new InvalidOperationException($"The bundled font {file} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
    }
}
