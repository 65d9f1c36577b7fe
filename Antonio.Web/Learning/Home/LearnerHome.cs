using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Progress;
using Antonio.Web.Access;
using Antonio.Web.Caching;

namespace Antonio.Web.Learning.Home;

/// <summary>
/// What a learner's home shows, from their access snapshot (already loaded for every signed-in request),
/// the cached workshops, and ONE cached per-learner read (<see cref="LearnerRecordQuery"/>): the workshops
/// they hold (<see cref="AccessRules.Holds"/>: purchase, seat, entitlement, cohort, pro subscription) or
/// whose paid lessons their plan opens, free workshops they started, cohorts not open yet, purchases valid
/// only in another country, and their certificates. Nothing is decided here that the rules do not decide.
/// </summary>
public sealed class LearnerHome(CachedReader reader, WorkshopReader workshops)
{
    public async Task<LearnerHomeModel> GetAsync(AccessContext viewer, CancellationToken ct = default)
    {
        if (viewer.Snapshot is not { } snapshot) return LearnerHomeModel.Empty;
        var record = await RecordAsync(snapshot.UserId, ct);
        var touched = record.Lessons.ToDictionary(l => l.Id);
        var certificates = record.Certificates.ToDictionary(c => c.WorkshopId);

        var own = new List<HomeWorkshop>();
        var upcoming = new List<WorkshopData>();
        var elsewhere = new List<WorkshopData>();
        var titles = new Dictionary<Guid, WorkshopData>();
        foreach (var id in await CandidatesAsync(snapshot, record, ct))
        {
            if (await workshops.GetAsync(id.ToString(), ct) is not { } workshop || !AccessRules.IsReachable(workshop, viewer)) continue;
            titles[workshop.Id] = workshop;
            var navigator = LessonNavigator.For(workshop);
            var started = navigator.Lessons.Any(l => touched.ContainsKey(l.Lesson.Id));
            var flags = AccessRules.ForWorkshop(workshop, viewer);
            var free = AccessRules.IsFreeWorkshop(workshop);
            bool partial;
            if (flags.HasWorkshopAccess && (!free || started)) partial = false;
            else if (AccessRules.OpensPaidLessons(workshop, navigator.Lessons.Select(l => (l.Lesson, l.Section)), viewer)) partial = true;
            else
            {
                if (flags.IsPendingOpenAccess) upcoming.Add(workshop);
                else if (flags.IsRegionRestricted) elsewhere.Add(workshop);
                continue;
            }
            own.Add(Entry(workshop, navigator, touched, certificates.GetValueOrDefault(workshop.Id)?.Code, partial));
        }
        var held = record.Certificates
            .Select(c => new HomeCertificate(c.Code, titles.TryGetValue(c.WorkshopId, out var w) ? w.Title : null, c.CompletedAt)).ToList();
        return new LearnerHomeModel(
            [.. own.OrderByDescending(w => w.LastActivity ?? DateTimeOffset.MinValue).ThenBy(w => w.Workshop.Title, StringComparer.CurrentCulture)],
            [.. upcoming.OrderBy(w => w.StartsAt)], elsewhere, held);
    }

    /// <summary>The learner's record, cached per learner; dropped by progress, certificate and access changes, and by edits of the workshops it names.</summary>
    private ValueTask<LearnerRecord> RecordAsync(Guid userId, CancellationToken ct) =>
        reader.GetAsync(CacheKeys.LearnerRecord(userId), CacheEntryKinds.PerUser,
            (db, token) => LearnerRecordQuery.ReadAsync(db, userId, token),
            record => record.Workshops.Select(CacheTags.Content).Concat([CacheTags.User(userId), CacheTags.Progress(userId)]), ct);

    /// <summary>Every workshop an entitlement names, those with progress or a certificate, and — for a subscription over everything — the catalogue.</summary>
    private async ValueTask<IEnumerable<Guid>> CandidatesAsync(AccessSnapshot snapshot, LearnerRecord record, CancellationToken ct)
    {
        var ids = new HashSet<Guid>(snapshot.Entitlements.SelectMany(e => e.ContentIds));
        ids.UnionWith(record.Workshops);
        ids.UnionWith(record.Certificates.Select(c => c.WorkshopId));
        if (snapshot.Entitlements.Any(e => e.Type == EntitlementTypeNames.SubscriptionAccess && e.ContentIds.Count == 0))
            ids.UnionWith((await workshops.ListAsync(ct)).Where(w => !w.IsFree).Select(w => w.Id));
        return ids;
    }

    private static HomeWorkshop Entry(WorkshopData workshop, LessonNavigator navigator, IReadOnlyDictionary<Guid, TouchedLesson> touched, string? certificate, bool partial)
    {
        var progress = WorkshopProgress.From(navigator, touched.Values.Where(l => l.Completed).Select(l => l.Id));
        var last = navigator.Lessons.Where(l => touched.ContainsKey(l.Lesson.Id)).MaxBy(l => touched[l.Lesson.Id].TouchedAt);
        // Continue where they stopped: the last lesson touched if it is unfinished, else the next unfinished one after it.
        var resume = last is null ? navigator.First
            : !progress.IsComplete(last.Lesson.Id) ? last
            : navigator.Lessons.Skip(last.Index + 1).FirstOrDefault(l => !progress.IsComplete(l.Lesson.Id))
              ?? navigator.Lessons.FirstOrDefault(l => !progress.IsComplete(l.Lesson.Id));
        return new HomeWorkshop(workshop, progress, last?.Lesson, resume?.Lesson,
            last is null ? null : touched[last.Lesson.Id].TouchedAt, certificate, partial);
    }
}

/// <summary>One workshop on the learner's home.</summary>
/// <param name="LastLesson">The lesson they touched last (null: not started).</param>
/// <param name="ResumeLesson">Where "Continue" (or "Start") leads; null when every lesson is done.</param>
/// <param name="PartialAccess">Their plan opens some of its paid lessons, not all.</param>
public sealed record HomeWorkshop(WorkshopData Workshop, WorkshopProgress Progress, TreeNode? LastLesson, TreeNode? ResumeLesson,
    DateTimeOffset? LastActivity, string? CertificateCode, bool PartialAccess)
{
    public bool IsComplete => Progress.Total > 0 && Progress.NextLesson is null;
}

public sealed record HomeCertificate(string Code, string? WorkshopTitle, DateTimeOffset CompletedAt);

/// <param name="Workshops">What they can open now, most recently used first.</param>
/// <param name="Upcoming">Cohorts they joined that have not opened yet.</param>
/// <param name="Elsewhere">Region-priced purchases, valid only from the country they were bought for.</param>
public sealed record LearnerHomeModel(IReadOnlyList<HomeWorkshop> Workshops, IReadOnlyList<WorkshopData> Upcoming,
    IReadOnlyList<WorkshopData> Elsewhere, IReadOnlyList<HomeCertificate> Certificates)
{
    public static readonly LearnerHomeModel Empty = new([], [], [], []);
}
