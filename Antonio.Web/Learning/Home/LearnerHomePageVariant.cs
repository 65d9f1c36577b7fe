using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Antonio.Web.Access;
using Antonio.Web.PageCaching;

namespace Antonio.Web.Learning.Home;

/// <summary>Marks the learner's home: a page of one viewer's own, kept as that viewer's template (<see cref="LearnerHomePageVariant"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LearnerHomePageAttribute : Attribute;

/// <summary>
/// The learner's home is theirs alone, but they open it again and again: its template is kept per learner, keyed
/// by the learner and by everything the page shows of them — each listed workshop with its counts, last and next
/// lesson and certificate, the cohorts and region-bound purchases, whether a name is set — so any change of
/// progress, access, time-driven state (a cohort opening, an expiry) or country makes a new key, and edits of the
/// workshops it shows drop it by tag. The menu's name, team link and form tokens are slots, as on every page.
/// Staff get theirs rendered each time (null), like their other pages.
/// </summary>
internal sealed class LearnerHomePageVariant(LearnerHome home) : IViewerPageVariant
{
    public async ValueTask<ViewerPageVariant?> VariantAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LearnerHomePageAttribute>() is null) return null;
        var viewer = await context.RequestServices.GetRequiredService<ViewerContext>().CurrentAsync(context.RequestAborted);
        if (viewer.Snapshot is not { } snapshot || snapshot.Roles.Count > 0) return null;
        var model = await home.GetAsync(viewer, context.RequestAborted);
        var named = context.User.HasClaim(c => c.Type == Access.Account.AccountClaims.DisplayName);
        return new ViewerPageVariant($"home-{snapshot.UserId:N}-{Digest(model, named)}");
    }

    private static string Digest(LearnerHomeModel model, bool named)
    {
        var text = new StringBuilder(named ? "n" : "-");
        foreach (var w in model.Workshops)
            text.Append('|').Append(w.Workshop.Id.ToString("N")).Append(':').Append(w.Progress.CompletedCount).Append('/').Append(w.Progress.Total)
                .Append(':').Append(w.LastLesson?.Id.ToString("N")).Append(':').Append(w.ResumeLesson?.Id.ToString("N"))
                .Append(':').Append(w.LastActivity?.UtcDateTime.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Append(':').Append(w.CertificateCode).Append(':').Append(w.PartialAccess ? 'p' : 'f');
        foreach (var w in model.Upcoming) text.Append("|u").Append(w.Id.ToString("N")).Append(w.StartsAt?.UtcTicks);
        foreach (var w in model.Elsewhere) text.Append("|e").Append(w.Id.ToString("N"));
        foreach (var c in model.Certificates) text.Append("|c").Append(c.Code).Append(c.WorkshopTitle).Append(c.CompletedAt.UtcTicks);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
    }
}
