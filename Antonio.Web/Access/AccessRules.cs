using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;

namespace Antonio.Web.Access;

/// <summary>What a viewer may do with a workshop or lesson: the flags the UI reads (docs/domain.md, access).</summary>
public sealed record AccessFlags
{
    public bool CanViewWorkshop { get; init; }
    public bool CanViewLesson { get; init; }
    public bool CanInviteTeam { get; init; }
    public bool IsRegionRestricted { get; init; }
    public bool IsPendingOpenAccess { get; init; }
    /// <summary>When a pending cohort opens.</summary>
    public DateTimeOffset? OpensAt { get; init; }
    /// <summary>The viewer holds access to the whole workshop (not just its free parts).</summary>
    public bool HasWorkshopAccess { get; init; }

    public static readonly AccessFlags None = new();

    /// <summary>
    /// Every flag, in a few characters: for keys that must differ whenever any flag does (shared page
    /// templates). A test flips each property and checks that the key changes.
    /// </summary>
    public string Key =>
        $"{B(CanViewWorkshop)}{B(CanViewLesson)}{B(CanInviteTeam)}{B(IsRegionRestricted)}{B(IsPendingOpenAccess)}{B(HasWorkshopAccess)}{OpensAt?.UtcTicks}";

    private static char B(bool flag) => flag ? '1' : '0';
}

/// <summary>Who is asking (null snapshot = signed out), from which country, and when.</summary>
public sealed record AccessContext(AccessSnapshot? Snapshot, string Country, DateTimeOffset Now)
{
    public Guid? UserId => Snapshot?.UserId;
    public bool IsSignedIn => Snapshot is not null;
    public bool IsAdmin => Snapshot?.HasRole(SiteRoles.Admin) == true;
    public bool IsReviewer => Snapshot?.HasRole(SiteRoles.Reviewer) == true;
    public bool IsContributor => Snapshot?.HasRole(SiteRoles.Contributor) == true;

    public static AccessContext Anonymous(DateTimeOffset now, string country = "US") => new(null, country, now);
}

/// <summary>
/// Every access rule, in one pure file: a function of the viewer's snapshot, the
/// workshop tree, the lesson, the request country and the clock. No I/O, so every case is testable
/// and a page decides before it writes a protected byte.
/// </summary>
public static class AccessRules
{
    // ---- content visibility (docs/domain.md, content) -------------------------------------------------------------

    /// <summary>Learners see published, non-private content; admins and reviewers see everything; contributors their own.</summary>
    public static bool IsReachable(WorkshopData workshop, AccessContext viewer) =>
        viewer.IsAdmin || viewer.IsReviewer || OwnsContent(workshop, viewer)
        || (workshop.State == ContentStates.Published && workshop.Visibility != ContentVisibilities.Private);

    private static bool OwnsContent(WorkshopData workshop, AccessContext viewer) =>
        viewer.IsContributor && viewer.UserId is { } id && workshop.CreatedById == id;

    /// <summary>Rule 1: staff who may read every lesson of this workshop, drafts included.</summary>
    public static bool CanSeeDrafts(WorkshopData workshop, AccessContext viewer) => IsStaffReader(workshop, viewer);

    private static bool IsStaffReader(WorkshopData workshop, AccessContext viewer) =>
        viewer.IsAdmin || viewer.IsReviewer || OwnsContent(workshop, viewer);

    /// <summary>A lesson's solution is shown when it exists and is published — or to staff, drafts included (docs/domain.md, content).</summary>
    public static bool HasVisibleSolution(WorkshopData workshop, TreeNode lesson, AccessContext viewer) =>
        lesson.Solution is { } solution && (solution.IsPublished || IsStaffReader(workshop, viewer));

    // ---- free content (rules 2, 3) ------------------------------------------------------------

    /// <summary>Rule 2: a workshop no active self-paced or cohort product sells is free to everyone.</summary>
    public static bool IsFreeWorkshop(WorkshopData workshop) =>
        !workshop.Products.Any(p => p.Status == RecordStatus.Active && p.Type is ProductTypes.SelfPaced or ProductTypes.Cohort);

    /// <summary>Rule 3: free through the lesson's own flag, its link's tier, or its section link's tier.</summary>
    public static bool IsFreeTier(TreeNode lesson, TreeNode? section) =>
        lesson.Free || lesson.Tier == LinkTiers.Free || section?.Tier == LinkTiers.Free;

    /// <summary>A lesson's subscription tier (rule 10): its link's tier, else its section's, else pro.</summary>
    public static string LessonTier(TreeNode lesson, TreeNode? section) =>
        IsFreeTier(lesson, section) ? LinkTiers.Free : lesson.Tier ?? section?.Tier ?? LinkTiers.Pro;

    private static int TierRank(string? tier) => tier switch
    {
        LinkTiers.Pro => 2,
        LinkTiers.Standard => 1,
        _ => 0,
    };

    // ---- entitlements (rules 4–10) ------------------------------------------------------------

    /// <summary>Active: not soft-deleted (not in the snapshot at all), and no expiry or an expiry still ahead.</summary>
    public static bool IsActive(SnapshotEntitlement e, DateTimeOffset now) => e.ExpiresAt is null || e.ExpiresAt > now;

    /// <summary>
    /// The entitlements that count: active (rule 4), tied to one of the user's memberships (rule 9),
    /// and not from a purchase that no longer grants access (rule 6: refunded, disputed, banned).
    /// </summary>
    private static CountingEntitlements Counting(AccessSnapshot snapshot, DateTimeOffset now) =>
        new(Granting.GetValue(snapshot, static snapshot => [.. TiedAndGranting(snapshot)]), now);

    /// <summary>
    /// Rules 9 and 6 do not change with the time: they are applied once per snapshot instance (a snapshot is immutable,
    /// and every request of a learner reads the one the cache holds), rule 4 on each use.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AccessSnapshot, (SnapshotEntitlement Entitlement, SnapshotPurchase? Purchase)[]> Granting = new();

    private static IEnumerable<(SnapshotEntitlement Entitlement, SnapshotPurchase? Purchase)> TiedAndGranting(AccessSnapshot snapshot)
    {
        var memberships = snapshot.Memberships.Select(m => m.Id).ToHashSet();
        foreach (var e in snapshot.Entitlements)
        {
            if (e.OrganizationMembershipId is not { } membership || !memberships.Contains(membership)) continue;
            var purchase = e.SourceType == EntitlementSources.Purchase
                ? snapshot.Purchases.FirstOrDefault(p => p.Id == e.SourceId) : null;
            if (purchase is not null && !PurchaseStatus.GrantsAccess(purchase.Status)) continue;
            yield return (e, purchase);
        }
    }

    /// <summary>The entitlements of <see cref="Granting"/> active at a time, enumerated without an allocation (every signed-in page asks).</summary>
    private readonly struct CountingEntitlements((SnapshotEntitlement Entitlement, SnapshotPurchase? Purchase)[] granting, DateTimeOffset now)
    {
        public Enumerator GetEnumerator() => new(granting, now);

        public struct Enumerator((SnapshotEntitlement Entitlement, SnapshotPurchase? Purchase)[] granting, DateTimeOffset now)
        {
            private int _index = -1;

            public readonly (SnapshotEntitlement Entitlement, SnapshotPurchase? Purchase) Current => granting[_index];

            public bool MoveNext()
            {
                while (++_index < granting.Length)
                    if (IsActive(granting[_index].Entitlement, now)) return true;
                return false;
            }
        }
    }

    /// <summary>Rule 7: a Restricted (PPP) purchase is valid only from its own country.</summary>
    private static bool IsRegionBlocked(SnapshotPurchase? purchase, string country) =>
        purchase is { Status: PurchaseStatus.Restricted } && !string.Equals(purchase.Country, country, StringComparison.OrdinalIgnoreCase);

    private readonly record struct ContentGrant(bool Open, bool RegionRestricted, bool Pending, DateTimeOffset? OpensAt);

    /// <summary>Rules 4, 5, 7: what the viewer's workshop and cohort entitlements give for this workshop.</summary>
    private static ContentGrant WorkshopGrant(WorkshopData workshop, AccessContext viewer)
    {
        if (viewer.Snapshot is not { } snapshot) return default;
        bool open = false, restricted = false, pending = false;
        foreach (var (e, purchase) in Counting(snapshot, viewer.Now))
        {
            if (!e.ContentIds.Contains(workshop.Id)) continue;
            if (e.Type is not (EntitlementTypeNames.WorkshopContentAccess or EntitlementTypeNames.CohortContentAccess)) continue;
            if (IsRegionBlocked(purchase, viewer.Country)) { restricted = true; continue; }
            if (e.Type == EntitlementTypeNames.CohortContentAccess && workshop.StartsAt is { } starts && starts > viewer.Now)
            {
                pending = true;
                continue;
            }
            open = true;
        }
        return new ContentGrant(open, restricted && !open, pending && !open, pending && !open ? workshop.StartsAt : null);
    }

    /// <summary>Rule 10: the highest subscription tier that covers this workshop ("free" when none).</summary>
    private static string SubscriptionTier(WorkshopData workshop, AccessContext viewer)
    {
        if (viewer.Snapshot is not { } snapshot) return LinkTiers.Free;
        var best = LinkTiers.Free;
        foreach (var (e, _) in Counting(snapshot, viewer.Now))
        {
            if (e.Type != EntitlementTypeNames.SubscriptionAccess) continue;
            if (e.ContentIds.Count > 0 && !e.ContentIds.Contains(workshop.Id)) continue;
            if (TierRank(e.Tier) > TierRank(best)) best = e.Tier!;
        }
        return best;
    }

    /// <summary>Rule 8: holders of a bulk purchase of a product selling this workshop may invite while seats remain.</summary>
    private static bool CanInviteTeam(WorkshopData workshop, AccessContext viewer) =>
        viewer.Snapshot is { } snapshot && snapshot.Purchases.Any(p =>
            p.BulkCouponId is not null && PurchaseStatus.GrantsAccess(p.Status)
            && workshop.Products.Any(w => w.Id == p.ProductId)
            && p.BulkUsedCount < p.BulkMaxUses);

    // ---- decisions ----------------------------------------------------------------------------

    public static AccessFlags ForWorkshop(WorkshopData workshop, AccessContext viewer)
    {
        if (!IsReachable(workshop, viewer)) return AccessFlags.None;
        var staff = IsStaffReader(workshop, viewer);
        var grant = WorkshopGrant(workshop, viewer);
        var full = staff || IsFreeWorkshop(workshop) || grant.Open || SubscriptionTier(workshop, viewer) == LinkTiers.Pro;
        return new AccessFlags
        {
            CanViewWorkshop = true,
            HasWorkshopAccess = full,
            CanInviteTeam = CanInviteTeam(workshop, viewer),
            IsRegionRestricted = !full && grant.RegionRestricted,
            IsPendingOpenAccess = !full && grant.Pending,
            OpensAt = full ? null : grant.OpensAt,
        };
    }

    /// <summary>
    /// The workshop is the viewer's own — through a purchase, seat, entitlement, cohort or pro subscription —
    /// from wherever they are: a region-restricted purchase still counts (from its own country). What a
    /// learner's home lists as theirs and what a certificate needs to stay valid. Free workshops and staff
    /// reading rights do not make a workshop anyone's.
    /// </summary>
    public static bool Holds(WorkshopData workshop, AccessSnapshot snapshot, DateTimeOffset now)
    {
        if (IsFreeWorkshop(workshop)) return false;
        var learner = snapshot with { Roles = [] };
        var countries = snapshot.Purchases.Where(p => p.Status == PurchaseStatus.Restricted && p.Country is not null).Select(p => p.Country!).Prepend("");
        return countries.Any(country => ForWorkshop(workshop, new AccessContext(learner, country, now)) is { HasWorkshopAccess: true } or { IsPendingOpenAccess: true });
    }

    /// <summary>
    /// Some of the workshop's paid lessons are open to the viewer through their subscription tier, though
    /// the workshop as a whole is not (a standard subscriber in a workshop with standard lessons).
    /// </summary>
    public static bool OpensPaidLessons(WorkshopData workshop, IEnumerable<(TreeNode Lesson, TreeNode? Section)> lessons, AccessContext viewer) =>
        !IsFreeWorkshop(workshop) && SubscriptionTier(workshop, viewer) is var tier && tier != LinkTiers.Free
        && lessons.Any(l => !IsFreeTier(l.Lesson, l.Section) && TierRank(tier) >= TierRank(LessonTier(l.Lesson, l.Section)));

    public static AccessFlags ForLesson(WorkshopData workshop, TreeNode lesson, TreeNode? section, AccessContext viewer)
    {
        var flags = ForWorkshop(workshop, viewer);
        if (!flags.CanViewWorkshop) return AccessFlags.None;
        var staff = IsStaffReader(workshop, viewer);
        if (!staff && (!lesson.IsPublished || section is { IsPublished: false })) return flags with { CanViewWorkshop = true, CanViewLesson = false };

        var open = staff || flags.HasWorkshopAccess || IsFreeTier(lesson, section)
                   || TierRank(SubscriptionTier(workshop, viewer)) >= TierRank(LessonTier(lesson, section));
        return open
            ? flags with { CanViewLesson = true, IsRegionRestricted = false, IsPendingOpenAccess = false, OpensAt = null }
            : flags;
    }
}
