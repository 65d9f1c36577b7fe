using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Data.Seeding;

/// <summary>
/// Builds the demo data in memory from a seed. Everything — ids, text, timestamps, password hashes —
/// comes from <see cref="DemoSeedOptions.Seed"/> and <see cref="DemoSeedOptions.Now"/>, so the same
/// options always give the same rows.
/// </summary>
internal sealed class DemoDataBuilder(DemoSeedOptions options)
{
    private readonly Random _rng = new(options.Seed);
    private readonly DemoDataSet _data = new();
    private readonly DateTimeOffset _now = options.Now.ToUniversalTime();
    private readonly Dictionary<string, Guid> _entitlementTypes = [];
    private readonly Dictionary<Guid, (Guid Membership, Guid Organization)> _personalMembership = [];
    private DemoText _text = null!;
    private string _passwordHash = "";

    private const int EssentialsFirst = DemoCatalogue.EssentialsFirst, EssentialsLast = DemoCatalogue.EssentialsLast;
    private const int AdvancedFirst = DemoCatalogue.AdvancedFirst, AdvancedLast = DemoCatalogue.AdvancedLast;
    private const int UnlistedWorkshop = DemoCatalogue.UnlistedWorkshop;
    private const int UpcomingCohortWorkshop = DemoCatalogue.UpcomingCohortWorkshop, LiveCohortWorkshop = DemoCatalogue.LiveCohortWorkshop;

    public DemoDataSet Build()
    {
        _text = new DemoText(_rng);
        _passwordHash = HashPassword(DemoAccounts.Password);
        var roles = AddRoles();
        foreach (var name in EntitlementTypeNames.All)
        {
            var type = new EntitlementType { Id = NextId(), Name = name };
            _data.EntitlementTypes.Add(type);
            _entitlementTypes[name] = type.Id;
        }

        var named = DemoAccounts.All.Where(a => !AfterTheCrowd.Contains(a.Email)).ToDictionary(a => a.Email, a => AddUser(a.Email, a.Situation));
        _data.UserRoles.Add(new() { UserId = named[DemoAccounts.Admin], RoleId = roles[SiteRoles.Admin] });
        _data.UserRoles.Add(new() { UserId = named[DemoAccounts.Reviewer], RoleId = roles[SiteRoles.Reviewer] });
        _data.UserRoles.Add(new() { UserId = named[DemoAccounts.Contributor], RoleId = roles[SiteRoles.Contributor] });

        var workshops = Enumerable.Range(0, options.Workshops)
            .Select(i => AddWorkshop(i, named[DemoAccounts.Admin], named[DemoAccounts.Contributor])).ToList();
        AddSpecialWorkshops(named[DemoAccounts.Admin]);

        var catalogue = AddCatalogue(workshops);
        AddCoupons(catalogue);
        AddNamedSituations(named, workshops, catalogue);
        AddFillerLearners(workshops, catalogue);
        foreach (var (email, situation) in DemoAccounts.All.Where(a => AfterTheCrowd.Contains(a.Email))) named[email] = AddUser(email, situation);
        AddTransfer(named, catalogue);
        AddMemberships(named);
        return _data;
    }

    /// <summary>
    /// Situations added after the generated learners were known to the tests: built after them, so the random stream the
    /// crowd is drawn from — and every generated learner's purchases — stays as it was.
    /// </summary>
    private static readonly HashSet<string> AfterTheCrowd =
    [
        DemoAccounts.TransferSender, DemoAccounts.TransferRecipient,
        DemoAccounts.MemberMonthly, DemoAccounts.MemberInGrace, DemoAccounts.MemberCanceling, DemoAccounts.MemberEnded,
        DemoAccounts.MemberTeamBuyer, DemoAccounts.MemberTeamSeat,
    ];

    /// <summary>
    /// The two memberships on sale (docs/memberships.md), each billed monthly or yearly, and a member in each situation the
    /// access rule tells apart: renewing, in the grace period after a failed renewal, canceled before the period's end,
    /// ended. Each has the charges it paid and the entitlement <see cref="Subscription.AccessUntil"/> gives it.
    /// </summary>
    private void AddMemberships(Dictionary<string, Guid> u)
    {
        MembershipPlan Plan(Product product, string tier, string interval, long cents)
        {
            var plan = new MembershipPlan
            {
                Id = NextId(), ProductId = product.Id, Tier = tier, Interval = interval, UnitAmountCents = cents, Status = RecordStatus.Active, CreatedAt = product.CreatedAt,
            };
            _data.MembershipPlans.Add(plan);
            return plan;
        }
        Product Membership(string name)
        {
            var product = new Product { Id = NextId(), Name = name, Type = ProductTypes.Membership, Status = RecordStatus.Active, CreatedAt = _now.AddDays(-200) };
            _data.Products.Add(product);
            return product;
        }
        var pro = Membership("Pro membership");
        var (proMonthly, proYearly) = (Plan(pro, LinkTiers.Pro, BillingIntervals.Month, 2_900), Plan(pro, LinkTiers.Pro, BillingIntervals.Year, 29_000));
        var standard = Membership("Standard membership");
        var standardMonthly = Plan(standard, LinkTiers.Standard, BillingIntervals.Month, 1_500);
        Plan(standard, LinkTiers.Standard, BillingIntervals.Year, 15_000);

        AddSubscription(u[DemoAccounts.MemberMonthly], proMonthly, SubscriptionStatus.Active, _now.AddDays(-10), paidPeriods: 2);
        AddSubscription(u[DemoAccounts.MemberInGrace], proYearly, SubscriptionStatus.PastDue, _now.AddDays(-3), paidPeriods: 1, failedAt: _now.AddDays(-3));
        AddSubscription(u[DemoAccounts.MemberCanceling], standardMonthly, SubscriptionStatus.Active, _now.AddDays(-18), paidPeriods: 1, cancelAtPeriodEnd: true);
        AddSubscription(u[DemoAccounts.MemberEnded], proMonthly, SubscriptionStatus.Canceled, _now.AddDays(-35), paidPeriods: 1, endedAt: _now.AddDays(-5));
        AddTeamMembership(u[DemoAccounts.MemberTeamBuyer], u[DemoAccounts.MemberTeamSeat], proYearly);
    }
    /// <summary>
    /// A team membership (Pro, yearly, 5 seats) whose buyer gave one seat away: the team, its seat coupon and the seat's
    /// entitlement, open as long as the membership (<see cref="Subscription.AccessUntil"/>); the buyer has no access of their own.
    /// </summary>
    private void AddTeamMembership(Guid buyer, Guid seatHolder, MembershipPlan plan)
    {
        var subscription = AddSubscription(buyer, plan, SubscriptionStatus.Active, _now.AddDays(-60), paidPeriods: 1, quantity: 5);
        var team = new Organization { Id = NextId(), Name = "Team", CreatedAt = subscription.CreatedAt };
        _data.Organizations.Add(team);
        _data.Memberships.Add(new OrganizationMembership { Id = NextId(), OrganizationId = team.Id, UserId = buyer, Role = OrganizationRoles.Owner, CreatedAt = team.CreatedAt });
        var seats = new Purchase
        {
            Id = NextId(), UserId = buyer, ProductId = plan.ProductId, Status = PurchaseStatus.Valid, Quantity = 5, CreatedAt = subscription.CreatedAt,
        };
        var coupon = new Coupon
        {
            Id = NextId(), Code = $"TEAM-{NextId():N}"[..17].ToUpperInvariant(), PercentageDiscount = 1m, Status = RecordStatus.Active,
            MaxUses = 5, UsedCount = 1, RestrictedToProductId = plan.ProductId, BulkPurchaseId = seats.Id, CreatedAt = seats.CreatedAt,
        };
        seats.BulkCouponId = coupon.Id;
        subscription.TeamPurchaseId = seats.Id;
        _data.Purchases.Add(seats);
        _data.Coupons.Add(coupon);
        var membership = new OrganizationMembership { Id = NextId(), OrganizationId = team.Id, UserId = seatHolder, Role = OrganizationRoles.Learner, InvitedById = buyer, CreatedAt = _now.AddDays(-50) };
        _data.Memberships.Add(membership);
        var seat = new Purchase
        {
            Id = NextId(), UserId = seatHolder, ProductId = plan.ProductId, Status = PurchaseStatus.Valid, RedeemedBulkCouponId = coupon.Id, CreatedAt = membership.CreatedAt,
        };
        _data.Purchases.Add(seat);
        _data.Entitlements.Add(new Entitlement
        {
            Id = NextId(), EntitlementTypeId = _entitlementTypes[EntitlementTypeNames.SubscriptionAccess], UserId = seatHolder,
            OrganizationMembershipId = membership.Id, OrganizationId = team.Id, SourceType = EntitlementSources.Purchase, SourceId = seat.Id,
            Metadata = JsonSerializer.SerializeToDocument(new { tier = plan.Tier }), ExpiresAt = subscription.AccessUntil(Subscription.DefaultGracePeriod),
            CreatedAt = seat.CreatedAt,
        });
    }

    /// <summary>
    /// A local-provider subscription whose current period starts at <paramref name="periodStart"/>, with a charge for each of
    /// the <paramref name="paidPeriods"/> periods up to it (the current one included unless its renewal failed).
    /// </summary>
    private Subscription AddSubscription(Guid userId, MembershipPlan plan, string status, DateTimeOffset periodStart, int paidPeriods,
        DateTimeOffset? failedAt = null, bool cancelAtPeriodEnd = false, DateTimeOffset? endedAt = null, int quantity = 1)
    {
        DateTimeOffset Next(DateTimeOffset start) => BillingIntervals.After(plan.Interval, start);
        DateTimeOffset Previous(DateTimeOffset end) => plan.Interval == BillingIntervals.Year ? end.AddYears(-1) : end.AddMonths(-1);
        var firstPaid = periodStart;
        for (var i = failedAt is null ? 1 : 0; i < paidPeriods; i++) firstPaid = Previous(firstPaid);
        var subscription = new Subscription
        {
            Id = NextId(), UserId = userId, PlanId = plan.Id, Provider = "local", ProviderSubscriptionId = $"local_sub_demo_{_data.Subscriptions.Count:D4}",
            ProviderCustomerId = $"local_cus_{userId:N}", Status = status, CurrentPeriodStart = periodStart, CurrentPeriodEnd = endedAt ?? Next(periodStart),
            CancelAtPeriodEnd = cancelAtPeriodEnd, PaymentFailedAt = failedAt, EndedAt = endedAt, ReportedAt = endedAt ?? failedAt ?? periodStart, CreatedAt = firstPaid,
            Quantity = quantity,
        };
        _data.Subscriptions.Add(subscription);
        for (var (start, n) = (firstPaid, 0); n < paidPeriods; (start, n) = (Next(start), n + 1))
            _data.Charges.Add(new MerchantCharge
            {
                Id = NextId(), UserId = userId, Provider = "local", Identifier = $"local_in_demo_{_data.Charges.Count:D7}", SubscriptionId = subscription.Id,
                AmountCents = plan.UnitAmountCents * quantity, Quantity = quantity, PeriodStart = start, PeriodEnd = Next(start), CreatedAt = start,
            });
        // A team membership's buyer has no access of their own: its seats do.
        if (quantity > 1) return subscription;
        var until = subscription.AccessUntil(Subscription.DefaultGracePeriod);
        var membership = PersonalMembership(userId);
        _data.Entitlements.Add(new Entitlement
        {
            Id = NextId(), EntitlementTypeId = _entitlementTypes[EntitlementTypeNames.SubscriptionAccess], UserId = userId,
            OrganizationMembershipId = membership.Membership, OrganizationId = membership.Organization,
            SourceType = EntitlementSources.Subscription, SourceId = subscription.Id, Metadata = JsonSerializer.SerializeToDocument(new { tier = plan.Tier }),
            ExpiresAt = until, CreatedAt = firstPaid, DeletedAt = until is null ? endedAt : null,
        });
        return subscription;
    }

    /// <summary>
    /// An accepted transfer (docs/transfers.md): the sender paid (the charge and its invoice stay theirs) and their access
    /// from it ended; the purchase is the recipient's and grants them Essentials.
    /// </summary>
    private void AddTransfer(Dictionary<string, Guid> u, Catalogue c)
    {
        var (sender, recipient) = (u[DemoAccounts.TransferSender], u[DemoAccounts.TransferRecipient]);
        var given = AddPurchase(sender, c.Essentials, PurchaseStatus.Valid, at: _now.AddDays(-20));
        var accepted = _now.AddDays(-10);
        Grant(given, c.Essentials, WorkshopsOf(c.Essentials), deletedAt: accepted);
        given.UserId = recipient;
        Grant(given, c.Essentials, WorkshopsOf(c.Essentials));
        _data.Transfers.Add(new PurchaseTransfer
        {
            Id = NextId(), PurchaseId = given.Id, FromUserId = sender, Email = DemoAccounts.TransferRecipient,
            NormalizedEmail = DemoAccounts.TransferRecipient.ToUpperInvariant(), Token = NextId().ToString("N"),
            CreatedAt = accepted.AddDays(-1), ExpiresAt = accepted.AddDays(6), AcceptedAt = accepted, ToUserId = recipient,
        });
    }

    // ---- identity -------------------------------------------------------------------------

    private Dictionary<string, Guid> AddRoles()
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var name in SiteRoles.All)
        {
            var role = new AppRole(name) { Id = NextId(), NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = NextId().ToString() };
            _data.Roles.Add(role);
            ids[name] = role.Id;
        }
        return ids;
    }

    private Guid AddUser(string email, string name)
    {
        var user = new AppUser
        {
            Id = NextId(),
            Name = name,
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = _passwordHash,
            SecurityStamp = NextId().ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = NextId().ToString(),
            LockoutEnabled = true,
            CreatedAt = _now.AddDays(-_rng.Next(1, 400)),
        };
        _data.Users.Add(user);
        return user.Id;
    }

    /// <summary>
    /// ASP.NET Core Identity's V3 hash format (PBKDF2-HMAC-SHA512, 100k iterations) with a salt from
    /// the seed: computed once for every demo user, and the same on every run.
    /// </summary>
    private string HashPassword(string password)
    {
        const int iterations = 100_000, saltSize = 16, keySize = 32;
        var salt = new byte[saltSize];
        _rng.NextBytes(salt);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, keySize);
        var output = new byte[13 + saltSize + keySize];
        output[0] = 0x01;
        WriteBigEndian(output, 1, 2); // KeyDerivationPrf.HMACSHA512
        WriteBigEndian(output, 5, iterations);
        WriteBigEndian(output, 9, saltSize);
        salt.CopyTo(output, 13);
        key.CopyTo(output, 13 + saltSize);
        return Convert.ToBase64String(output);

        static void WriteBigEndian(byte[] buffer, int offset, int value) =>
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(offset), value);
    }

    // ---- content --------------------------------------------------------------------------

    private ContentResource AddResource(string type, ContentFields fields, Guid createdBy, DateTimeOffset? deletedAt = null)
    {
        var created = _now.AddDays(-_rng.Next(30, 700)).AddMinutes(-_rng.Next(1440));
        var resource = new ContentResource
        {
            Id = NextId(),
            Type = type,
            Fields = fields.ToDocument(),
            CreatedById = createdBy,
            CreatedAt = created,
            UpdatedAt = created.AddDays(_rng.Next(0, 20)),
            DeletedAt = deletedAt,
        };
        _data.Resources.Add(resource);
        return resource;
    }

    private void Link(Guid parent, Guid child, double position, string? tier = null) =>
        _data.Links.Add(new ContentLink
        {
            ParentId = parent,
            ChildId = child,
            Position = position,
            Metadata = tier is null ? null : JsonDocument.Parse($$"""{"tier":"{{tier}}"}"""),
        });

    /// <summary>
    /// The topic's own description (the same words for each part of a topic, its part said first). The generated
    /// paragraph it replaced is still drawn, so a generated workshop's later draws are the ones it had before.
    /// </summary>
    private string WorkshopDescription(int index)
    {
        _text.Description();
        var round = index / DemoText.Topics.Length;
        var description = DemoText.WorkshopDescription(index % DemoText.Topics.Length);
        return round == 0 ? description : $"Part {round + 1}, further in: {description}";
    }

    private ContentResource AddWorkshop(int index, Guid admin, Guid contributor)
    {
        var title = DemoCatalogue.WorkshopTitle(index);
        var slug = DemoCatalogue.WorkshopSlug(index);
        var written = WrittenWorkshop.All.GetValueOrDefault(index);
        var fields = new ContentFields
        {
            Title = title,
            Slug = slug,
            State = ContentStates.Published,
            Visibility = index == UnlistedWorkshop ? ContentVisibilities.Unlisted : ContentVisibilities.Public,
            Description = written?.Description ?? WorkshopDescription(index),
            Body = written?.Body ?? _text.MarkdownBody(title, 1500),
            CoverImage = $"/img/covers/{index % 6}.svg",
            StartsAt = index == UpcomingCohortWorkshop ? _now.AddDays(14)
                : index == LiveCohortWorkshop ? _now.AddDays(-7) : null,
        };
        var owner = index == AdvancedLast ? contributor : admin;
        var workshop = AddResource(ContentTypes.Workshop, fields, owner);
        var trailer = AddResource(ContentTypes.VideoResource, new ContentFields
        {
            Title = $"Trailer: {title}", Slug = $"{slug}-trailer", State = ContentStates.Published,
            PlaybackId = Convert.ToHexString(NextId().ToByteArray()).ToLowerInvariant()[..24],
            VideoState = "ready", DurationSeconds = 90 + _rng.Next(120),
        }, owner);
        Link(workshop.Id, trailer.Id, 0);

        var sections = written?.Sections.Count ?? 4 + _rng.Next(3);
        for (var s = 0; s < sections; s++)
        {
            var section = AddResource(ContentTypes.Section, new ContentFields
            {
                Title = $"{s + 1}. {written?.Sections[s].Title ?? _text.Title()}",
                Slug = $"{slug}-section-{s + 1}",
                State = ContentStates.Published,
            }, owner);
            // Workshop 1's second section is free as a whole (a free-tier section link).
            Link(workshop.Id, section.Id, s + 1, index == 1 && s == 1 ? LinkTiers.Free : null);

            var lessons = written?.Sections[s].Lessons.Count ?? 4 + _rng.Next(5);
            for (var l = 0; l < lessons; l++)
            {
                // The first lesson of every workshop is free; workshop 4's first section is the standard tier.
                var tier = s == 0 && l == 0 ? LinkTiers.Free : index == 4 && s == 0 ? LinkTiers.Standard : null;
                var draft = index == 0 && s == sections - 1 && l == lessons - 1;
                AddLesson(section.Id, slug, s, l, owner, tier, written?.Sections[s].Lessons[l],
                    free: index == 2 && s == 1 && l == 0, draft: draft,
                    videoState: index == 0 && s == 0 && l == 1 ? "processing" : "ready");
            }
        }
        return workshop;
    }

    private void AddLesson(Guid parentId, string workshopSlug, int s, int l, Guid owner,
        string? tier, WrittenLesson? written, bool free, bool draft, string videoState)
    {
        var title = written?.Title ?? _text.Title();
        var slug = $"{workshopSlug}-{s + 1}-{l + 1}-{Slugify(title)}";
        var lessonFields = new ContentFields
        {
            Title = title,
            Slug = slug,
            State = draft ? ContentStates.Draft : ContentStates.Published,
            Description = written?.Description ?? _text.Paragraph(1),
            Body = written?.Body ?? _text.MarkdownBody(title, 2_000 + _rng.Next(18_000)),
        };
        if (free) lessonFields.Extra = new() { ["free"] = JsonSerializer.SerializeToElement(true) };
        var lesson = AddResource(ContentTypes.Lesson, lessonFields, owner);
        Link(parentId, lesson.Id, l + 1, tier);

        var video = AddResource(ContentTypes.VideoResource, new ContentFields
        {
            Title = $"Video: {title}",
            Slug = $"{slug}-video",
            State = ContentStates.Published,
            PlaybackId = Convert.ToHexString(NextId().ToByteArray()).ToLowerInvariant()[..24],
            VideoState = videoState,
            DurationSeconds = written?.Transcript is null ? 120 + _rng.Next(1500) : written.TranscriptSeconds + 30,
            Transcript = written?.Transcript ?? _text.Transcript(600 + _rng.Next(2500)),
        }, owner);
        Link(lesson.Id, video.Id, 1);

        var solutionBody = written?.Body is null ? l % 2 == 1 ? _text.MarkdownBody("the solution", 1_000 + _rng.Next(3_000)) : null : written.Solution;
        if (solutionBody is not null)
        {
            var solution = AddResource(ContentTypes.Solution, new ContentFields
            {
                Title = $"Solution: {title}",
                Slug = $"{slug}-solution",
                State = ContentStates.Published,
                Body = solutionBody,
            }, owner);
            Link(lesson.Id, solution.Id, 2);
        }
    }

    /// <summary>Workshops learners must never reach: draft, archived, private, soft-deleted.</summary>
    private void AddSpecialWorkshops(Guid admin)
    {
        (string Slug, string State, string Visibility, bool Deleted)[] specials =
        [
            ("draft-workshop", ContentStates.Draft, ContentVisibilities.Public, false),
            ("archived-workshop", ContentStates.Archived, ContentVisibilities.Public, false),
            ("private-workshop", ContentStates.Published, ContentVisibilities.Private, false),
            ("deleted-workshop", ContentStates.Published, ContentVisibilities.Public, true),
        ];
        foreach (var (slug, state, visibility, deleted) in specials)
        {
            var workshop = AddResource(ContentTypes.Workshop, new ContentFields
            {
                Title = $"Hidden: {slug}", Slug = slug, State = state, Visibility = visibility,
                Description = _text.Description(), Body = _text.Paragraph(),
            }, admin, deleted ? _now.AddDays(-1) : null);
            for (var l = 0; l < 2; l++)
            {
                var lesson = AddResource(ContentTypes.Lesson, new ContentFields
                {
                    Title = _text.Title(), Slug = $"{slug}-lesson-{l + 1}", State = state,
                    Body = _text.MarkdownBody("hidden", 2_000),
                }, admin);
                Link(workshop.Id, lesson.Id, l + 1, LinkTiers.Free);
            }
        }
    }

    // ---- commerce -------------------------------------------------------------------------

    internal sealed record Catalogue(Product Essentials, Product Advanced, Product Bundle,
        Product UpcomingCohort, Product LiveCohort, Product LiveSession, List<Product> Others);

    private Product AddProduct(string name, string type, long cents, IEnumerable<ContentResource> workshops)
    {
        var product = new Product { Id = NextId(), Name = name, Type = type, Status = RecordStatus.Active, CreatedAt = _now.AddDays(-300) };
        _data.Products.Add(product);
        _data.Prices.Add(new Price { Id = NextId(), ProductId = product.Id, UnitAmountCents = cents, Status = RecordStatus.Active, CreatedAt = product.CreatedAt });
        var position = 0;
        foreach (var w in workshops)
            _data.ContentProducts.Add(new ContentProduct { ProductId = product.Id, ResourceId = w.Id, Position = position++ });
        return product;
    }

    private Catalogue AddCatalogue(List<ContentResource> workshops)
    {
        IEnumerable<ContentResource> Range(int from, int to) => workshops.Where((_, i) => i >= from && i <= to);
        var essentials = AddProduct("Essentials", ProductTypes.SelfPaced, 19_900, Range(EssentialsFirst, EssentialsLast));
        var advanced = AddProduct("Advanced Patterns", ProductTypes.SelfPaced, 24_900, Range(AdvancedFirst, AdvancedLast));
        var bundle = AddProduct("Complete Bundle", ProductTypes.SelfPaced, 39_900, Range(EssentialsFirst, AdvancedLast));
        _data.Upgrades.Add(new UpgradableProduct { UpgradableFromId = essentials.Id, UpgradableToId = bundle.Id });
        _data.Upgrades.Add(new UpgradableProduct { UpgradableFromId = advanced.Id, UpgradableToId = bundle.Id });
        var upcoming = AddProduct("Cohort: Winter", ProductTypes.Cohort, 49_900, Range(UpcomingCohortWorkshop, UpcomingCohortWorkshop));
        var live = AddProduct("Cohort: Autumn", ProductTypes.Cohort, 49_900, Range(LiveCohortWorkshop, LiveCohortWorkshop));
        upcoming.Slug = DemoCatalogue.UpcomingCohortSlug;
        upcoming.Description = "Work through the workshop together over four weeks: the lessons open on the first day, a new section each week, with the others who start with you.";
        live.Slug = DemoCatalogue.LiveCohortSlug;
        live.Description = "The autumn group is under way: join now and catch up on what has opened — every lesson stays yours afterwards.";
        // A live session in three days at 17:00 UTC (18:00 in Berlin in winter), 90 minutes, 30 seats.
        var session = AddProduct("TypeScript office hours", ProductTypes.Live, 4_900, []);
        session.Slug = DemoCatalogue.LiveSessionSlug;
        session.Description = "Bring your TypeScript questions: ninety minutes of live answers, code on screen. The recording goes to ticket holders afterwards.";
        var starts = new DateTimeOffset(_now.UtcDateTime.Date.AddDays(3).AddHours(17), TimeSpan.Zero);
        _data.LiveSessions.Add(new LiveSession
        {
            ProductId = session.Id, StartsAt = starts, EndsAt = starts.AddMinutes(90), TimeZone = "Europe/Berlin", Capacity = 30,
            JoinUrl = "https://meet.example.com/antonio-typescript-office-hours",
        });
        // Workshops 6–9 are free (no product). Larger data sets: two of three further workshops sell alone.
        var others = new List<Product>();
        for (var i = 12; i < workshops.Count; i++)
            if (i % 3 != 0)
                others.Add(AddProduct(workshops[i].Fields.RootElement.GetProperty("title").GetString()!,
                    ProductTypes.SelfPaced, 9_900 + 1_000 * (i % 20), [workshops[i]]));
        return new Catalogue(essentials, advanced, bundle, upcoming, live, session, others);
    }

    private void AddCoupons(Catalogue catalogue)
    {
        // The site-wide sale: 20% off the bundle (drives the sale banner).
        _data.Coupons.Add(new Coupon
        {
            Id = NextId(), IsDefault = true, PercentageDiscount = 0.20m, Status = RecordStatus.Active,
            ExpiresAt = _now.AddDays(30), RestrictedToProductId = catalogue.Bundle.Id, CreatedAt = _now.AddDays(-3)
        });
        _data.Coupons.Add(new Coupon { Id = NextId(), Code = "SAVE10", PercentageDiscount = 0.10m, Status = RecordStatus.Active, CreatedAt = _now.AddDays(-50) });
        _data.Coupons.Add(new Coupon { Id = NextId(), Code = "FLAT50", AmountDiscountCents = 5_000, Status = RecordStatus.Active, CreatedAt = _now.AddDays(-50) });
        _data.Coupons.Add(new Coupon
        {
            Id = NextId(), Code = "EXPIRED", PercentageDiscount = 0.50m, Status = RecordStatus.Active,
            ExpiresAt = _now.AddDays(-1), CreatedAt = _now.AddDays(-60)
        });
        _data.Coupons.Add(new Coupon
        {
            Id = NextId(), Code = "USEDUP", PercentageDiscount = 0.30m, Status = RecordStatus.Active,
            MaxUses = 5, UsedCount = 5, CreatedAt = _now.AddDays(-60)
        });
    }

    /// <summary>Purchases put the buyer in a personal organization as a learner; entitlements hang off that membership.</summary>
    private (Guid Membership, Guid Organization) PersonalMembership(Guid userId)
    {
        if (_personalMembership.TryGetValue(userId, out var existing)) return existing;
        var org = new Organization { Id = NextId(), Name = "Personal", CreatedAt = _now.AddDays(-100) };
        _data.Organizations.Add(org);
        var membership = new OrganizationMembership { Id = NextId(), OrganizationId = org.Id, UserId = userId, Role = OrganizationRoles.Learner, CreatedAt = org.CreatedAt };
        _data.Memberships.Add(membership);
        return _personalMembership[userId] = (membership.Id, org.Id);
    }

    private Purchase AddPurchase(Guid userId, Product product, string status, string country = "US",
        int quantity = 1, Guid? redeemedBulkCoupon = null, DateTimeOffset? at = null)
    {
        var cents = _data.Prices.Single(p => p.ProductId == product.Id).UnitAmountCents;
        var created = at ?? _now.AddDays(-_rng.Next(1, 300));
        var charge = redeemedBulkCoupon is null
            ? new MerchantCharge { Id = NextId(), UserId = userId, Identifier = $"ch_demo_{_data.Charges.Count:D7}", Provider = "local", CreatedAt = created }
            : null;
        if (charge is not null) _data.Charges.Add(charge);
        var purchase = new Purchase
        {
            Id = NextId(), UserId = userId, ProductId = product.Id, Status = status, Country = country,
            TotalAmountCents = redeemedBulkCoupon is null ? cents * quantity : 0, Quantity = quantity,
            RedeemedBulkCouponId = redeemedBulkCoupon, MerchantChargeId = charge?.Id, CreatedAt = created,
        };
        _data.Purchases.Add(purchase);
        return purchase;
    }

    /// <summary>What a purchase grants (docs/domain.md, access rule 6): an entitlement per access-granting purchase, tied to a membership.</summary>
    private void Grant(Purchase purchase, Product product, IEnumerable<Guid> contentIds, DateTimeOffset? deletedAt = null, DateTimeOffset? expiresAt = null)
    {
        var membership = PersonalMembership(purchase.UserId);
        var type = product.Type == ProductTypes.Cohort ? EntitlementTypeNames.CohortContentAccess : EntitlementTypeNames.WorkshopContentAccess;
        _data.Entitlements.Add(new Entitlement
        {
            Id = NextId(), EntitlementTypeId = _entitlementTypes[type], UserId = purchase.UserId,
            OrganizationMembershipId = membership.Membership, OrganizationId = membership.Organization,
            SourceType = EntitlementSources.Purchase, SourceId = purchase.Id,
            ContentIds = contentIds.ToArray(), CreatedAt = purchase.CreatedAt, DeletedAt = deletedAt, ExpiresAt = expiresAt,
        });
    }

    private Guid[] WorkshopsOf(Product product) =>
        _data.ContentProducts.Where(cp => cp.ProductId == product.Id).Select(cp => cp.ResourceId).ToArray();

    private void Buy(Guid userId, Product product, string status = PurchaseStatus.Valid, string country = "US",
        DateTimeOffset? revokedAt = null, DateTimeOffset? expiresAt = null)
    {
        var purchase = AddPurchase(userId, product, status, country);
        Grant(purchase, product, WorkshopsOf(product), revokedAt, expiresAt);
    }

    private void AddNamedSituations(Dictionary<string, Guid> u, List<ContentResource> workshops, Catalogue c)
    {
        Buy(u[DemoAccounts.Buyer], c.Essentials);
        Buy(u[DemoAccounts.BundleBuyer], c.Bundle);
        Buy(u[DemoAccounts.PppBuyer], c.Essentials, PurchaseStatus.Restricted, "IN");
        // A refund or dispute removes the entitlements the purchase created (soft delete).
        Buy(u[DemoAccounts.Refunded], c.Essentials, PurchaseStatus.Refunded, revokedAt: _now.AddDays(-2));
        Buy(u[DemoAccounts.Disputed], c.Essentials, PurchaseStatus.Disputed, revokedAt: _now.AddDays(-2));
        Buy(u[DemoAccounts.ExpiredEntitlement], c.Essentials, expiresAt: _now.AddDays(-1));
        Buy(u[DemoAccounts.CohortEarly], c.UpcomingCohort);
        Buy(u[DemoAccounts.CohortStarted], c.LiveCohort);
        Buy(u[DemoAccounts.LiveTicket], c.LiveSession);

        // Team: 10 seats of Advanced; the buyer's bulk purchase is not personal access.
        var team = new Organization { Id = NextId(), Name = "Team Co", CreatedAt = _now.AddDays(-40) };
        _data.Organizations.Add(team);
        _data.Memberships.Add(new OrganizationMembership { Id = NextId(), OrganizationId = team.Id, UserId = u[DemoAccounts.TeamBuyer], Role = OrganizationRoles.Owner, CreatedAt = team.CreatedAt });
        var bulk = AddPurchase(u[DemoAccounts.TeamBuyer], c.Advanced, PurchaseStatus.Valid, quantity: 10, at: _now.AddDays(-40));
        var seatCoupon = new Coupon
        {
            Id = NextId(), Code = $"TEAM-{NextId():N}"[..17].ToUpperInvariant(), PercentageDiscount = 1m, Status = RecordStatus.Active,
            MaxUses = 10, UsedCount = 2, RestrictedToProductId = c.Advanced.Id, BulkPurchaseId = bulk.Id, CreatedAt = bulk.CreatedAt
        };
        _data.Coupons.Add(seatCoupon);
        bulk.BulkCouponId = seatCoupon.Id;
        foreach (var holder in new[] { u[DemoAccounts.SeatHolder], AddUser("seat-holder-2@antonio.dev", "second team seat") })
        {
            var membership = new OrganizationMembership { Id = NextId(), OrganizationId = team.Id, UserId = holder, Role = OrganizationRoles.Learner, InvitedById = u[DemoAccounts.TeamBuyer], CreatedAt = _now.AddDays(-30) };
            _data.Memberships.Add(membership);
            _personalMembership[holder] = (membership.Id, team.Id);
            var seat = AddPurchase(holder, c.Advanced, PurchaseStatus.Valid, redeemedBulkCoupon: seatCoupon.Id, at: _now.AddDays(-30));
            Grant(seat, c.Advanced, WorkshopsOf(c.Advanced));
        }

        foreach (var (email, tier) in new[] { (DemoAccounts.SubscriberPro, LinkTiers.Pro), (DemoAccounts.SubscriberStandard, LinkTiers.Standard) })
        {
            var membership = PersonalMembership(u[email]);
            _data.Entitlements.Add(new Entitlement
            {
                Id = NextId(), EntitlementTypeId = _entitlementTypes[EntitlementTypeNames.SubscriptionAccess], UserId = u[email],
                OrganizationMembershipId = membership.Membership, OrganizationId = membership.Organization,
                SourceType = EntitlementSources.Subscription, ContentIds = workshops.Select(w => w.Id).ToArray(),
                Metadata = JsonDocument.Parse($$"""{"tier":"{{tier}}"}"""), ExpiresAt = _now.AddDays(25), CreatedAt = _now.AddDays(-5),
            });
        }
    }

    private void AddFillerLearners(List<ContentResource> workshops, Catalogue c)
    {
        var learners = Enumerable.Range(1, options.Learners)
            .Select(i => AddUser($"learner{i:D5}@demo.antonio.dev", $"Learner {i}")).ToList();
        if (learners.Count == 0) return;
        var products = new List<Product> { c.Essentials, c.Advanced, c.Bundle, c.LiveCohort };
        products.AddRange(c.Others);
        var productWorkshops = products.ToDictionary(p => p.Id, WorkshopsOf);
        var prices = _data.Prices.ToDictionary(p => p.ProductId, p => p.UnitAmountCents);
        string[] countries = ["US", "US", "US", "GB", "DE", "IN", "BR", "PL", "FR", "CA"];
        for (var i = 0; i < options.Purchases; i++)
        {
            var user = learners[i % learners.Count];
            var product = products[_rng.Next(products.Count)];
            var roll = _rng.Next(100);
            var status = roll < 85 ? PurchaseStatus.Valid : roll < 93 ? PurchaseStatus.Restricted
                : roll < 98 ? PurchaseStatus.Refunded : PurchaseStatus.Disputed;
            var created = _now.AddDays(-_rng.Next(1, 700));
            var chargeId = NextId();
            _data.Charges.Add(new MerchantCharge { Id = chargeId, UserId = user, Identifier = $"ch_demo_{_data.Charges.Count:D7}", Provider = "local", CreatedAt = created });
            var purchase = new Purchase
            {
                Id = NextId(), UserId = user, ProductId = product.Id, Status = status,
                Country = status == PurchaseStatus.Restricted ? "IN" : countries[_rng.Next(countries.Length)],
                TotalAmountCents = prices[product.Id], MerchantChargeId = chargeId, CreatedAt = created,
            };
            _data.Purchases.Add(purchase);
            Grant(purchase, product, productWorkshops[product.Id],
                deletedAt: PurchaseStatus.GrantsAccess(status) ? null : created.AddDays(3));
        }
        _ = workshops;
    }

    // ---- helpers --------------------------------------------------------------------------

    private Guid NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    internal static string Slugify(string title)
    {
        var sb = new StringBuilder(title.Length);
        foreach (var ch in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
