using System.Globalization;
using System.Runtime.CompilerServices;
using Antonio.Data.Progress;
using Antonio.Web.Ui;

namespace Antonio.Web.Learning.Home;

/// <summary>A certificate's Open Graph image: the name, the workshop and the date, drawn once per cached certificate instance.</summary>
public static class CertificateImage
{
    private static readonly ConditionalWeakTable<CertificateView, byte[]> Drawn = new();

    public static byte[] Png(CertificateView certificate) => Drawn.GetValue(certificate, static c => ShareCard.Png(
    [
        new ShareCardLine("ANTONIO WORKSHOPS", 26, Accent: true, After: 56),
        new ShareCardLine("Certificate of completion", 46, Bold: true, After: 84),
        new ShareCardLine(c.RecipientName ?? "A learner", 64, Bold: true, After: 70),
        new ShareCardLine("completed every lesson of", 28, Muted: true, After: 60),
        new ShareCardLine(c.WorkshopTitle, 40, Bold: true, Accent: true, After: 64),
        new ShareCardLine("on " + c.CompletedAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture), 28, Muted: true),
    ]));
}
