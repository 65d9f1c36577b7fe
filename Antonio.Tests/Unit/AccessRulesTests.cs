using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Antonio.Web.Access;

namespace Antonio.Tests.Unit;

/// <summary>
/// The table of access cases (docs/domain.md, access). Every situation lists, for each lesson of a fixed workshop, whether
/// the viewer may read it — written out by hand, not computed — plus the workshop-level flags it must
/// raise. Lessons, in order: l1 free link, l2 standard tier, l3 no tier (pro), l4 in a free section,
/// l5 own "free" flag, l6 draft.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AccessRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Product = Guid.NewGuid();
    private static readonly Guid OtherWorkshop = Guid.NewGuid();

    private static readonly TreeNode L1 = Node("l1", tier: LinkTiers.Free), L2 = Node("l2", tier: LinkTiers.Standard), L3 = Node("l3"),
        L4 = Node("l4"), L5 = Node("l5", free: true), L6 = Node("l6", state: ContentStates.Draft);
    private static readonly TreeNode S1 = Section("s1", null, L1, L2, L3), S2 = Section("s2", LinkTiers.Free, L4), S3 = Section("s3", null, L5, L6);
    private static readonly (TreeNode Lesson, TreeNode Section)[] Lessons = [(L1, S1), (L2, S1), (L3, S1), (L4, S2), (L5, S3), (L6, S3)];

    private static TreeNode Node(string slug, string state = ContentStates.Published, string? tier = null, bool free = false) =>
        new() { Id = Guid.NewGuid(), Type = ContentTypes.Lesson, Slug = slug, Title = slug, State = state, Tier = tier, Free = free };

    private static TreeNode Section(string slug, string? tier, params TreeNode[] lessons) =>
        new() { Id = Guid.NewGuid(), Type = ContentTypes.Section, Slug = slug, Title = slug, State = ContentStates.Published, Tier = tier, Children = lessons };

    private static readonly Guid WorkshopId = Guid.NewGuid();

    private static WorkshopData Workshop(string productType = ProductTypes.SelfPaced, int productStatus = 1, bool noProduct = false,
        string state = ContentStates.Published, string visibility = ContentVisibilities.Public, DateTimeOffset? startsAt = null) => new()
        {
            Id = WorkshopId, Slug = "w", Title = "W", State = state, Visibility = visibility, StartsAt = startsAt, CreatedById = Owner,
            Children = [S1, S2, S3],
            Products = noProduct ? [] : [new WorkshopProduct { Id = Product, Name = "P", Type = productType, Status = productStatus, UnitAmountCents = 100 }],
        };

    // ---- snapshot builders ----------------------------------------------------------------------

    private sealed class Who
    {
        public Guid UserId { get; } = Guid.NewGuid();
        public List<string> Roles { get; } = [];
        public List<SnapshotMembership> Memberships { get; } = [new(Guid.NewGuid(), Guid.NewGuid(), OrganizationRoles.Learner)];
        public List<SnapshotEntitlement> Entitlements { get; } = [];
        public List<SnapshotPurchase> Purchases { get; } = [];
        public Guid Membership => Memberships[0].Id;

        public Who Role(string role) { Roles.Add(role); return this; }

        public Who Bought(string status = PurchaseStatus.Valid, string country = "US", string type = EntitlementTypeNames.WorkshopContentAccess,
            Guid[]? content = null, DateTimeOffset? expires = null, Guid? membership = null, bool noMembership = false)
        {
            var purchase = new SnapshotPurchase { Id = Guid.NewGuid(), ProductId = Product, Status = status, Country = country };
            Purchases.Add(purchase);
            Entitlements.Add(new SnapshotEntitlement
            {
                Id = Guid.NewGuid(), Type = type, ContentIds = content ?? [WorkshopId], ExpiresAt = expires,
                OrganizationMembershipId = noMembership ? null : membership ?? Membership, SourceType = EntitlementSources.Purchase, SourceId = purchase.Id,
            });
            return this;
        }

        public Who Subscribed(string tier, Guid[]? content = null, DateTimeOffset? expires = null)
        {
            Entitlements.Add(new SnapshotEntitlement
            {
                Id = Guid.NewGuid(), Type = EntitlementTypeNames.SubscriptionAccess, ContentIds = content ?? [], Tier = tier, ExpiresAt = expires,
                OrganizationMembershipId = Membership, SourceType = EntitlementSources.Subscription,
            });
            return this;
        }

        public Who BoughtSeats(int max, int used, string status = PurchaseStatus.Valid, Guid? product = null)
        {
            Purchases.Add(new SnapshotPurchase
            {
                Id = Guid.NewGuid(), ProductId = product ?? Product, Status = status, Quantity = max,
                BulkCouponId = Guid.NewGuid(), BulkMaxUses = max, BulkUsedCount = used
            });
            return this;
        }

        public AccessSnapshot Snapshot() => new() { UserId = UserId, Roles = Roles, Memberships = Memberships, Entitlements = Entitlements, Purchases = Purchases };
    }

    private static Who User() => new();

    private static AccessContext As(Who who, string country = "US") => new(who.Snapshot(), country, Now);
    private static AccessContext Anonymous(string country = "US") => new(null, country, Now);

    private static AccessContext Contributor(bool owner)
    {
        var who = User().Role(SiteRoles.Contributor);
        var snapshot = who.Snapshot() with { UserId = owner ? Owner : who.UserId };
        return new AccessContext(snapshot, "US", Now);
    }

    // ---- the table --------------------------------------------------------------------------------

    /// <param name="Expected">Y/N per lesson l1..l6.</param>
    /// <param name="Flags">Workshop-level flags that must be set: W view workshop, A whole-workshop access, R region restricted,
    /// P pending open, T invite team, D download source, E edit. Flags not listed must be off.</param>
    public sealed record TableCase(string Name, Func<WorkshopData> Workshop, Func<AccessContext> Viewer, string Expected, string Flags)
    {
        public override string ToString() => Name;
    }

    private static readonly TableCase[] Cases =
    [
        new("anonymous, paid workshop", () => Workshop(), () => Anonymous(), "YNNYYN", "W"),
        new("signed in, owns nothing", () => Workshop(), () => As(User()), "YNNYYN", "W"),
        new("admin reads drafts and edits", () => Workshop(), () => As(User().Role(SiteRoles.Admin)), "YYYYYY", "WA"),
        new("reviewer reads everything, edits nothing", () => Workshop(), () => As(User().Role(SiteRoles.Reviewer)), "YYYYYY", "WA"),
        new("contributor, someone else's workshop", () => Workshop(), () => Contributor(owner: false), "YNNYYN", "W"),
        new("contributor, own workshop", () => Workshop(), () => Contributor(owner: true), "YYYYYY", "WA"),
        new("buyer, valid, US", () => Workshop(), () => As(User().Bought()), "YYYYYN", "WA"),
        new("buyer of another workshop", () => Workshop(), () => As(User().Bought(content: [OtherWorkshop])), "YNNYYN", "W"),
        new("entitlement expired a second ago", () => Workshop(), () => As(User().Bought(expires: Now.AddSeconds(-1))), "YNNYYN", "W"),
        new("entitlement expiring exactly now", () => Workshop(), () => As(User().Bought(expires: Now)), "YNNYYN", "W"),
        new("entitlement expiring in a second", () => Workshop(), () => As(User().Bought(expires: Now.AddSeconds(1))), "YYYYYN", "WA"),
        new("entitlement without expiry", () => Workshop(), () => As(User().Bought(expires: null)), "YYYYYN", "WA"),
        new("entitlement tied to a membership the user left", () => Workshop(), () => As(User().Bought(membership: Guid.NewGuid())), "YNNYYN", "W"),
        new("entitlement tied to no membership", () => Workshop(), () => As(User().Bought(noMembership: true)), "YNNYYN", "W"),
        new("refunded purchase whose entitlement lingered", () => Workshop(), () => As(User().Bought(PurchaseStatus.Refunded)), "YNNYYN", "W"),
        new("disputed purchase", () => Workshop(), () => As(User().Bought(PurchaseStatus.Disputed)), "YNNYYN", "W"),
        new("banned purchase", () => Workshop(), () => As(User().Bought(PurchaseStatus.Banned)), "YNNYYN", "W"),
        new("PPP purchase, same country", () => Workshop(), () => As(User().Bought(PurchaseStatus.Restricted, "IN"), "IN"), "YYYYYN", "WA"),
        new("PPP purchase, other country", () => Workshop(), () => As(User().Bought(PurchaseStatus.Restricted, "IN"), "US"), "YNNYYN", "WR"),
        new("PPP purchase, country case differs", () => Workshop(), () => As(User().Bought(PurchaseStatus.Restricted, "in"), "IN"), "YYYYYN", "WA"),
        new("PPP from abroad plus a full purchase", () => Workshop(), () => As(User().Bought(PurchaseStatus.Restricted, "IN").Bought(), "US"), "YYYYYN", "WA"),
        new("refunded PPP purchase from its country", () => Workshop(), () => As(User().Bought(PurchaseStatus.Refunded, "IN"), "IN"), "YNNYYN", "W"),
        new("cohort member before start", () => Workshop(ProductTypes.Cohort, startsAt: Now.AddDays(3)),
            () => As(User().Bought(type: EntitlementTypeNames.CohortContentAccess)), "YNNYYN", "WP"),
        new("cohort member after start", () => Workshop(ProductTypes.Cohort, startsAt: Now.AddDays(-3)),
            () => As(User().Bought(type: EntitlementTypeNames.CohortContentAccess)), "YYYYYN", "WA"),
        new("cohort member at the exact start", () => Workshop(ProductTypes.Cohort, startsAt: Now),
            () => As(User().Bought(type: EntitlementTypeNames.CohortContentAccess)), "YYYYYN", "WA"),
        new("cohort with no start date", () => Workshop(ProductTypes.Cohort),
            () => As(User().Bought(type: EntitlementTypeNames.CohortContentAccess)), "YYYYYN", "WA"),
        new("cohort workshop, anonymous before start", () => Workshop(ProductTypes.Cohort, startsAt: Now.AddDays(3)), () => Anonymous(), "YNNYYN", "W"),
        new("workshop access to a cohort workshop before start", () => Workshop(ProductTypes.Cohort, startsAt: Now.AddDays(3)),
            () => As(User().Bought()), "YYYYYN", "WA"),
        new("cohort member before start, PPP from abroad", () => Workshop(ProductTypes.Cohort, startsAt: Now.AddDays(3)),
            () => As(User().Bought(PurchaseStatus.Restricted, "IN", EntitlementTypeNames.CohortContentAccess), "US"), "YNNYYN", "WR"),
        new("pro subscription, all content", () => Workshop(), () => As(User().Subscribed(LinkTiers.Pro)), "YYYYYN", "WA"),
        new("standard subscription", () => Workshop(), () => As(User().Subscribed(LinkTiers.Standard)), "YYNYYN", "W"),
        new("free-tier subscription", () => Workshop(), () => As(User().Subscribed(LinkTiers.Free)), "YNNYYN", "W"),
        new("pro subscription for another workshop", () => Workshop(), () => As(User().Subscribed(LinkTiers.Pro, [OtherWorkshop])), "YNNYYN", "W"),
        new("pro subscription naming this workshop", () => Workshop(), () => As(User().Subscribed(LinkTiers.Pro, [WorkshopId])), "YYYYYN", "WA"),
        new("pro subscription, expired", () => Workshop(), () => As(User().Subscribed(LinkTiers.Pro, expires: Now.AddMinutes(-1))), "YNNYYN", "W"),
        new("standard plus pro subscriptions", () => Workshop(), () => As(User().Subscribed(LinkTiers.Standard).Subscribed(LinkTiers.Pro)), "YYYYYN", "WA"),
        new("team buyer with free seats", () => Workshop(), () => As(User().BoughtSeats(10, 2)), "YNNYYN", "WT"),
        new("team buyer, seats used up", () => Workshop(), () => As(User().BoughtSeats(10, 10)), "YNNYYN", "W"),
        new("team buyer, refunded", () => Workshop(), () => As(User().BoughtSeats(10, 2, PurchaseStatus.Refunded)), "YNNYYN", "W"),
        new("team buyer of another product", () => Workshop(), () => As(User().BoughtSeats(10, 2, product: Guid.NewGuid())), "YNNYYN", "W"),
        new("team buyer who also took a seat", () => Workshop(), () => As(User().BoughtSeats(10, 3).Bought()), "YYYYYN", "WAT"),
        new("seat holder", () => Workshop(), () => As(User().Bought()), "YYYYYN", "WA"),
        new("free workshop, anonymous", () => Workshop(noProduct: true), () => Anonymous(), "YYYYYN", "WA"),
        new("free workshop, signed in", () => Workshop(noProduct: true), () => As(User()), "YYYYYN", "WA"),
        new("only a membership product sells it", () => Workshop(ProductTypes.Membership), () => Anonymous(), "YYYYYN", "WA"),
        new("its self-paced product is archived", () => Workshop(productStatus: 0), () => Anonymous(), "YYYYYN", "WA"),
        new("draft workshop, anonymous", () => Workshop(state: ContentStates.Draft), () => Anonymous(), "NNNNNN", ""),
        new("draft workshop, buyer", () => Workshop(state: ContentStates.Draft), () => As(User().Bought()), "NNNNNN", ""),
        new("draft workshop, admin", () => Workshop(state: ContentStates.Draft), () => As(User().Role(SiteRoles.Admin)), "YYYYYY", "WA"),
        new("archived workshop, buyer", () => Workshop(state: ContentStates.Archived), () => As(User().Bought()), "NNNNNN", ""),
        new("private workshop, buyer", () => Workshop(visibility: ContentVisibilities.Private), () => As(User().Bought()), "NNNNNN", ""),
        new("private workshop, admin", () => Workshop(visibility: ContentVisibilities.Private), () => As(User().Role(SiteRoles.Admin)), "YYYYYY", "WA"),
        new("unlisted workshop, anonymous", () => Workshop(visibility: ContentVisibilities.Unlisted), () => Anonymous(), "YNNYYN", "W"),
        new("unlisted workshop, buyer", () => Workshop(visibility: ContentVisibilities.Unlisted), () => As(User().Bought()), "YYYYYN", "WA"),
    ];

    public static TheoryData<TableCase, int> LessonCases()
    {
        var data = new TheoryData<TableCase, int>();
        foreach (var c in Cases)
            for (var i = 0; i < Lessons.Length; i++) data.Add(c, i);
        return data;
    }

    public static TheoryData<TableCase> WorkshopCases()
    {
        var data = new TheoryData<TableCase>();
        foreach (var c in Cases) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(LessonCases))]
    public void Lesson_access(TableCase c, int lesson)
    {
        var (node, section) = Lessons[lesson];
        var flags = AccessRules.ForLesson(c.Workshop(), node, section, c.Viewer());
        Assert.True(c.Expected[lesson] == (flags.CanViewLesson ? 'Y' : 'N'),
            $"{c.Name}: lesson {node.Slug} expected {(c.Expected[lesson] == 'Y' ? "open" : "closed")}");
        if (flags.CanViewLesson) Assert.False(flags.IsRegionRestricted || flags.IsPendingOpenAccess);
    }

    [Theory]
    [MemberData(nameof(WorkshopCases))]
    public void Workshop_flags(TableCase c)
    {
        var flags = AccessRules.ForWorkshop(c.Workshop(), c.Viewer());
        var actual = string.Concat(
            flags.CanViewWorkshop ? "W" : "", flags.HasWorkshopAccess ? "A" : "", flags.IsRegionRestricted ? "R" : "",
            flags.IsPendingOpenAccess ? "P" : "", flags.CanInviteTeam ? "T" : "");
        Assert.Equal(string.Concat(c.Flags.Order()), string.Concat(actual.Order()));
        if (flags.IsPendingOpenAccess) Assert.Equal(c.Workshop().StartsAt, flags.OpensAt);
    }

    [Fact]
    public void The_table_has_at_least_150_cases() => Assert.True(LessonCases().Count + WorkshopCases().Count >= 150);

    [Fact]
    public void Lesson_tier_defaults_to_pro_and_inherits_the_section_tier()
    {
        Assert.Equal(LinkTiers.Pro, AccessRules.LessonTier(L3, S1));
        Assert.Equal(LinkTiers.Standard, AccessRules.LessonTier(Node("x"), Section("s", LinkTiers.Standard)));
        Assert.Equal(LinkTiers.Free, AccessRules.LessonTier(L4, S2));
    }

    /// <summary>Shared templates are keyed by <see cref="AccessFlags.Key"/>: no flag may be left out of it, now or when one is added.</summary>
    [Fact]
    public void Every_access_flag_changes_the_flags_key()
    {
        var keys = new HashSet<string> { AccessFlags.None.Key };
        foreach (var property in typeof(AccessFlags).GetProperties().Where(p => p.CanWrite))
        {
            var flags = AccessFlags.None with { };
            object changed = property.PropertyType == typeof(bool) ? true
                : property.PropertyType == typeof(DateTimeOffset?) ? Now
                : throw new InvalidOperationException($"Teach this test to change {property.Name}.");
            property.SetValue(flags, changed);
            Assert.True(keys.Add(flags.Key), $"{property.Name} does not change the key");
        }
        Assert.True(keys.Count > 6);
    }
}
