using System.Text.Json;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Antonio.Data.Progress;
using Antonio.Data.Telemetry;
using Antonio.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Tests.Integration;

/// <summary>The schema as the migrations build it, against real PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class SchemaTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly DateTimeOffset T = new(2026, 5, 1, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_entity_round_trips()
    {
        var user = new AppUser { Id = Guid.NewGuid(), UserName = "a@b.c", Email = "a@b.c", NormalizedEmail = "A@B.C", NormalizedUserName = "A@B.C", Name = "A", CreatedAt = T };
        var role = new AppRole("admin") { Id = Guid.NewGuid(), NormalizedName = "ADMIN" };
        var workshop = new ContentResource
        {
            Id = Guid.NewGuid(), Type = ContentTypes.Workshop, CreatedById = user.Id, CreatedAt = T, UpdatedAt = T,
            Fields = new ContentFields { Title = "W", Slug = "w", State = ContentStates.Published, Body = "# Hi" }.ToDocument()
        };
        var lesson = new ContentResource
        {
            Id = Guid.NewGuid(), Type = ContentTypes.Lesson, CreatedAt = T, UpdatedAt = T,
            Fields = JsonDocument.Parse("""{"title":"L","slug":"l","state":"draft","customField":{"a":[1,2]}}""")
        };
        var link = new ContentLink { ParentId = workshop.Id, ChildId = lesson.Id, Position = 1.5, Metadata = JsonDocument.Parse("""{"tier":"free"}""") };
        var product = new Product { Id = Guid.NewGuid(), Name = "P", Type = ProductTypes.Cohort, CreatedAt = T };
        var bundle = new Product { Id = Guid.NewGuid(), Name = "B", Type = ProductTypes.SelfPaced, CreatedAt = T };
        var price = new Price { Id = Guid.NewGuid(), ProductId = product.Id, UnitAmountCents = 12_345, CreatedAt = T };
        var contentProduct = new ContentProduct { ProductId = product.Id, ResourceId = workshop.Id, Position = 2 };
        var upgrade = new UpgradableProduct { UpgradableFromId = product.Id, UpgradableToId = bundle.Id };
        var coupon = new Coupon { Id = Guid.NewGuid(), Code = "X", AmountDiscountCents = 500, MaxUses = 3, UsedCount = 1, ExpiresAt = T, RestrictedToProductId = product.Id, CreatedAt = T };
        var charge = new MerchantCharge { Id = Guid.NewGuid(), UserId = user.Id, Identifier = "ch_1", Provider = "stripe", InvoiceUrl = "https://x", CreatedAt = T };
        var purchase = new Purchase
        {
            Id = Guid.NewGuid(), UserId = user.Id, ProductId = product.Id, TotalAmountCents = 11_845, Status = PurchaseStatus.Restricted,
            Country = "IN", CouponId = coupon.Id, MerchantChargeId = charge.Id, Quantity = 1, CreatedAt = T
        };
        var org = new Organization { Id = Guid.NewGuid(), Name = "O", CreatedAt = T };
        var membership = new OrganizationMembership { Id = Guid.NewGuid(), OrganizationId = org.Id, UserId = user.Id, Role = OrganizationRoles.Owner, CreatedAt = T };
        var type = new EntitlementType { Id = Guid.NewGuid(), Name = EntitlementTypeNames.WorkshopContentAccess };
        var entitlement = new Entitlement
        {
            Id = Guid.NewGuid(), EntitlementTypeId = type.Id, UserId = user.Id, OrganizationId = org.Id, OrganizationMembershipId = membership.Id,
            SourceId = purchase.Id, ContentIds = [workshop.Id, lesson.Id], Metadata = JsonDocument.Parse("""{"tier":"pro"}"""), ExpiresAt = T.AddDays(1), CreatedAt = T
        };
        var progress = new ResourceProgress { UserId = user.Id, ResourceId = lesson.Id, CompletedAt = T, CreatedAt = T };
        var vital = new WebVital { Route = "/workshops/{workshop}", Name = "LCP", Value = 123.4, CreatedAt = T };
        var audit = new Antonio.Data.Admin.AuditEntry
        {
            UserId = user.Id, Action = "content.update", EntityType = ContentTypes.Lesson, EntityId = lesson.Id,
            Before = JsonDocument.Parse("""{"title":"A"}"""), After = JsonDocument.Parse("""{"title":"B"}"""), CreatedAt = T
        };

        await using (var db = _db.CreateContext())
        {
            db.AddRange(user, role, workshop, lesson, link, product, bundle, price, contentProduct, upgrade, coupon, charge, purchase, org, membership, type, entitlement, progress, vital, audit);
            await db.SaveChangesAsync();
        }

        await using var read = _db.CreateContext();
        Assert.Equal("A", (await read.Users.SingleAsync(u => u.Id == user.Id)).Name);
        Assert.Equal("admin", (await read.Roles.SingleAsync(r => r.Id == role.Id)).Name);
        var readLesson = await read.ContentResources.SingleAsync(r => r.Id == lesson.Id);
        Assert.Equal("L", ContentFields.From(readLesson.Fields).Title);
        // Unknown editor fields survive a round trip.
        Assert.Equal(2, readLesson.Fields.RootElement.GetProperty("customField").GetProperty("a")[1].GetInt32());
        Assert.NotEqual(0u, readLesson.Version);
        var readLink = await read.ContentLinks.SingleAsync();
        Assert.Equal(1.5, readLink.Position);
        Assert.Equal("free", readLink.Metadata!.RootElement.GetProperty("tier").GetString());
        Assert.Equal(12_345, (await read.Prices.SingleAsync()).UnitAmountCents);
        Assert.Equal(2, (await read.ContentProducts.SingleAsync()).Position);
        Assert.Equal(bundle.Id, (await read.UpgradableProducts.SingleAsync()).UpgradableToId);
        var readCoupon = await read.Coupons.SingleAsync();
        Assert.Equal((500L, 3, 1, T, product.Id), (readCoupon.AmountDiscountCents!.Value, readCoupon.MaxUses, readCoupon.UsedCount, readCoupon.ExpiresAt!.Value, readCoupon.RestrictedToProductId!.Value));
        Assert.Equal("https://x", (await read.MerchantCharges.SingleAsync()).InvoiceUrl);
        var readPurchase = await read.Purchases.SingleAsync();
        Assert.Equal((PurchaseStatus.Restricted, "IN", coupon.Id, charge.Id), (readPurchase.Status, readPurchase.Country, readPurchase.CouponId!.Value, readPurchase.MerchantChargeId!.Value));
        Assert.Equal(OrganizationRoles.Owner, (await read.OrganizationMemberships.SingleAsync()).Role);
        var readEntitlement = await read.Entitlements.SingleAsync();
        Assert.Equal(new[] { workshop.Id, lesson.Id }, readEntitlement.ContentIds);
        Assert.Equal("pro", readEntitlement.Metadata!.RootElement.GetProperty("tier").GetString());
        Assert.Equal(T, (await read.ResourceProgress.SingleAsync()).CompletedAt);
        Assert.Equal(123.4, (await read.WebVitals.SingleAsync()).Value);
        Assert.Equal(org.Name, (await read.Organizations.SingleAsync()).Name);
        Assert.Equal(type.Name, (await read.EntitlementTypes.SingleAsync()).Name);
        var readAudit = await read.AuditEntries.SingleAsync();
        Assert.Equal(("A", "B", user.Id), (readAudit.Before!.RootElement.GetProperty("title").GetString(), readAudit.After!.RootElement.GetProperty("title").GetString(), readAudit.UserId!.Value));
    }

    [Fact]
    public async Task Slug_is_unique_per_type_but_not_across_types()
    {
        ContentResource Make(string type, string slug) => new()
        {
            Id = Guid.NewGuid(), Type = type, CreatedAt = T, UpdatedAt = T,
            Fields = new ContentFields { Title = slug, Slug = slug, State = ContentStates.Published }.ToDocument(),
        };
        await using (var db = _db.CreateContext())
        {
            db.AddRange(Make(ContentTypes.Workshop, "same"), Make(ContentTypes.Lesson, "same"));
            await db.SaveChangesAsync();
        }
        await using var again = _db.CreateContext();
        again.Add(Make(ContentTypes.Workshop, "same"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
        Assert.Equal("ux_content_resources_type_slug", postgres.ConstraintName);
    }

    [Fact]
    public async Task Coupon_must_be_percent_or_amount_never_both()
    {
        await using var db = _db.CreateContext();
        db.Add(new Coupon { Id = Guid.NewGuid(), PercentageDiscount = 0.1m, AmountDiscountCents = 100, CreatedAt = T });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }
}
