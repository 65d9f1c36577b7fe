using Antonio.Data;
using Antonio.Data.Progress;
using Antonio.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Learning.Home;

/// <summary>A learner's progress: exported lesson by lesson, deleted with the account.</summary>
internal sealed class ProgressPersonalData : IPersonalData
{
    public string Section => "progress";

    public async Task<object> ExportAsync(AntonioDbContext db, Guid userId, CancellationToken ct) =>
        await (from p in db.ResourceProgress.AsNoTracking()
               where p.UserId == userId
               join r in db.ContentResources on p.ResourceId equals r.Id
               orderby p.CreatedAt
               select new { lessonId = p.ResourceId, lesson = r.Fields.RootElement.GetProperty("title").GetString(), p.CompletedAt, videoPositionSeconds = p.PositionSeconds, startedAt = p.CreatedAt, p.UpdatedAt })
            .ToListAsync(ct);

    public Task EraseAsync(AntonioDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.ResourceProgress.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
}

/// <summary>A learner's certificates: exported with their public addresses; on deletion revoked and the name erased.</summary>
internal sealed class CertificatePersonalData(Antonio.Web.Security.SiteUrls urls) : IPersonalData
{
    public string Section => "certificates";

    public async Task<object> ExportAsync(AntonioDbContext db, Guid userId, CancellationToken ct) =>
        (await db.Certificates.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.IssuedAt).ToListAsync(ct))
        .Select(c => new { url = urls.Absolute(CertificateLinks.Page(c.Code)), workshop = c.WorkshopTitle, c.RecipientName, c.CompletedAt, c.RevokedAt, c.RevokedReason })
        .ToList();

    public Task EraseAsync(AntonioDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        db.Certificates.Where(c => c.UserId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RecipientName, (string?)null)
            .SetProperty(c => c.RevokedAt, c => c.RevokedAt ?? now)
            .SetProperty(c => c.RevokedReason, c => c.RevokedReason ?? CertificateRevocations.AccountDeleted), ct);
}
