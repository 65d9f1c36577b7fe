using System.Runtime.CompilerServices;
using Antonio.Data.Progress;
using SkiaSharp;

namespace Antonio.Web.Learning.Home;

/// <summary>
/// A certificate's Open Graph image (1200 × 630 PNG, the size link previews use): the name, the workshop and
/// the date on a framed card, drawn with SkiaSharp in the bundled DejaVu Serif so it looks the same on every
/// machine. Drawn once per cached certificate instance (a change brings a new instance, and a new image).
/// </summary>
public static class CertificateImage
{
    public const int Width = 1200, Height = 630;

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSerif.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSerif-Bold.ttf"));
    private static readonly ConditionalWeakTable<CertificateView, byte[]> Drawn = new();

    private static readonly SKColor Paper = new(0xFB, 0xF8, 0xF1), Ink = new(0x1F, 0x23, 0x28), Accent = new(0x3D, 0x3A, 0xB8), Muted = new(0x5B, 0x61, 0x6B);

    public static byte[] Png(CertificateView certificate) => Drawn.GetValue(certificate, Draw);

    private static byte[] Draw(CertificateView c)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        using (var frame = new SKPaint { Color = Accent, Style = SKPaintStyle.Stroke, StrokeWidth = 10, IsAntialias = true })
            canvas.DrawRect(28, 28, Width - 56, Height - 56, frame);
        using (var inner = new SKPaint { Color = Accent.WithAlpha(90), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true })
            canvas.DrawRect(48, 48, Width - 96, Height - 96, inner);

        var y = 150f;
        Line(canvas, "ANTONIO WORKSHOPS", Regular.Value, 26, Accent, ref y, 56);
        Line(canvas, "Certificate of completion", Bold.Value, 46, Ink, ref y, 84);
        Line(canvas, c.RecipientName ?? "A learner", Bold.Value, 64, Ink, ref y, 70, maxWidth: Width - 200);
        Line(canvas, "completed every lesson of", Regular.Value, 28, Muted, ref y, 60);
        Line(canvas, c.WorkshopTitle, Bold.Value, 40, Accent, ref y, 64, maxWidth: Width - 200);
        Line(canvas, "on " + c.CompletedAt.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), Regular.Value, 28, Muted, ref y, 0);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>One centred line, its size reduced until it fits (long names and titles), ending in "…" below a floor.</summary>
    private static void Line(SKCanvas canvas, string text, SKTypeface face, float size, SKColor color, ref float y, float advance, float maxWidth = Width - 160)
    {
        using var font = new SKFont(face, size);
        while (font.MeasureText(text) > maxWidth && font.Size > size * 0.6f) font.Size -= 2;
        if (font.MeasureText(text) > maxWidth)
        {
            while (text.Length > 1 && font.MeasureText(text + "…") > maxWidth) text = text[..^1];
            text = text.TrimEnd() + "…";
        }
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, Width / 2f, y, SKTextAlign.Center, font, paint);
        y += advance;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(CertificateImage).Assembly.GetManifestResourceStream("Antonio.Web.Fonts." + file)
            ?? throw new InvalidOperationException($"The bundled font {file} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The bundled font {file} could not be read.");
    }
}
