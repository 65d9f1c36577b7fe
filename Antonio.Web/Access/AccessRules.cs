using Antonio.Data.Commerce;
using Antonio.Data.Content;

namespace Antonio.Web.Access;

/// <summary>What a viewer may do with a workshop or lesson: the flags the UI reads (§5b).</summary>
public sealed record AccessFlags
{
    public bool CanViewWorkshop { get; init; }
    public bool CanViewLesson { get; init; }
    public bool CanInviteTeam { get; init; }
    public bool IsRegionRestricted { get; init; }
    public bool IsPendingOpenAccess { get; init; }
    public DateTimeOffset? OpensAt { get; init; }
    public bool CanDownloadSource { get; init; }
    public bool CanEdit { get; init; }

    public static readonly AccessFlags None = new();
}

/// <summary>Who is asking, from where, and when. Anonymous visitors have no user id.</summary>
public sealed record AccessContext(Guid? UserId, bool IsAdmin, string Country, DateTimeOffset Now)
{
    public static AccessContext Anonymous(DateTimeOffset now, string country = "US") => new(null, false, country, now);
}

/// <summary>
/// Every access rule, in one pure file. A function of the viewer, the workshop tree and the lesson:
/// no I/O, so every case is unit-testable and the page decides before it writes a protected byte.
/// </summary>
public static class AccessRules
{
    /// <summary>Only published content is shown to learners; private only to admins; soft-deleted never (it is not loaded).</summary>
    public static bool IsListedOrReachable(string state, string visibility, AccessContext viewer) =>
        viewer.IsAdmin || (state == ContentStates.Published && visibility != ContentVisibilities.Private);

    /// <summary>§5b.2: a workshop no active self-paced or cohort product sells is free to everyone.</summary>
    public static bool IsFreeWorkshop(WorkshopData workshop) =>
        !workshop.Products.Any(p => p.Status == 1 && p.Type is ProductTypes.SelfPaced or ProductTypes.Cohort);

    /// <summary>§5a/§5b.3: free through the lesson's own flag, its link's tier, or its section link's tier.</summary>
    public static bool IsFreeTier(TreeNode lesson, TreeNode? section) =>
        lesson.Free || lesson.Tier == LinkTiers.Free || section?.Tier == LinkTiers.Free;

    public static AccessFlags ForWorkshop(WorkshopData workshop, AccessContext viewer) => new()
    {
        CanViewWorkshop = IsListedOrReachable(workshop.State, workshop.Visibility, viewer),
        CanEdit = viewer.IsAdmin,
    };

    public static AccessFlags ForLesson(WorkshopData workshop, TreeNode lesson, TreeNode? section, AccessContext viewer)
    {
        var workshopFlags = ForWorkshop(workshop, viewer);
        if (!workshopFlags.CanViewWorkshop) return AccessFlags.None;
        var reachable = viewer.IsAdmin || lesson.IsPublished;
        var open = reachable && (viewer.IsAdmin || IsFreeWorkshop(workshop) || IsFreeTier(lesson, section));
        return workshopFlags with { CanViewLesson = open, CanDownloadSource = open && viewer.IsAdmin };
    }
}
