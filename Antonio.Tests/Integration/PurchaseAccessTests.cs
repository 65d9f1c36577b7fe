using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Caching;
using Antonio.Web.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>Purchases, refunds and team seats change access on the very next request.</summary>
[Trait("Category", "Integration")]
public sealed class PurchaseAccessTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> UserIdAsync(string email) =>
        await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");

    private async Task<Guid> ProductIdAsync(string name) =>
        await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM products WHERE name = '{name}'");

    [Fact]
    public async Task A_purchase_opens_the_buyers_next_lesson_request_and_a_refund_closes_it()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        var path = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[2].Lesson.Slug}";
        using var learner = await WebUser.SignedInAsync(_app, "learner00006@demo.antonio.dev");
        Assert.Contains("class=\"paywall\"", (await learner.GetAsync(path)).Body);
        Assert.Equal(0, (await learner.GetAsync(path)).Queries); // the paywall decision itself is cached

        var userId = await UserIdAsync("learner00006@demo.antonio.dev");
        var purchase = new Purchase
        {
            Id = Guid.NewGuid(), UserId = userId, ProductId = await ProductIdAsync("Advanced Patterns"), Status = PurchaseStatus.Valid,
            TotalAmountCents = 24_900, Country = "US", CreatedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = fixture.Database.CreateContext())
        {
            db.Add(purchase);
            await db.SaveChangesAsync();
            await _app.Service<PurchaseEffects>().GrantAsync(db, purchase);
        }
        await _app.Service<CacheInvalidator>().UserChangedAsync(userId);
        var open = await learner.GetAsync(path);
        Assert.DoesNotContain("class=\"paywall\"", open.Body);
        Assert.Contains("<video", open.Body);

        await using (var db = fixture.Database.CreateContext())
        {
            await db.Purchases.Where(p => p.Id == purchase.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PurchaseStatus.Refunded));
            await _app.Service<PurchaseEffects>().RevokeAsync(db, purchase.Id);
        }
        await _app.Service<CacheInvalidator>().UserChangedAsync(userId);
        Assert.Contains("class=\"paywall\"", (await learner.GetAsync(path)).Body);
    }

    /// <summary>A new team: a new buyer's bulk purchase (a buyer's later seats join their existing team instead).</summary>
    private async Task<(string Code, Guid CouponId, string Buyer)> NewSeatCouponAsync(int seats)
    {
        var email = $"team-{Guid.NewGuid():N}@example.test";
        var user = new Antonio.Data.Identity.AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        using (var scope = _app.App.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Antonio.Data.Identity.AppUser>>()
                .CreateAsync(user, DemoAccounts.Password)).Succeeded);
        var buyer = user.Id;
        var product = await ProductIdAsync("Advanced Patterns");
        var bulk = new Purchase
        {
            Id = Guid.NewGuid(), UserId = buyer, ProductId = product, Status = PurchaseStatus.Valid, Quantity = seats,
            TotalAmountCents = 24_900L * seats, CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = fixture.Database.CreateContext();
        db.Add(bulk);
        await db.SaveChangesAsync();
        await _app.Service<PurchaseEffects>().GrantAsync(db, bulk);
        var coupon = await db.Coupons.SingleAsync(c => c.BulkPurchaseId == bulk.Id);
        Assert.Equal(seats, coupon.MaxUses);
        return (coupon.Code!, coupon.Id, email);
    }

    [Fact]
    public async Task Fifty_parallel_redemptions_of_a_ten_seat_coupon_produce_exactly_ten_seats()
    {
        var (code, couponId, _) = await NewSeatCouponAsync(10);
        var learners = (await Task.WhenAll(Enumerable.Range(10, 50).Select(i => UserIdAsync($"learner{i:D5}@demo.antonio.dev")))).ToList();
        var seats = _app.Service<TeamSeats>();
        var outcomes = await Task.WhenAll(learners.Select(id => Task.Run(() => seats.RedeemAsync(id, code))));
        Assert.Equal(10, outcomes.Count(o => o == RedeemOutcome.Redeemed));
        Assert.Equal(40, outcomes.Count(o => o == RedeemOutcome.NoSeatsLeft));
        Assert.Equal(10, await fixture.Database.ScalarAsync<int>($"SELECT used_count FROM coupons WHERE id = '{couponId}'"));
        Assert.Equal(10L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases WHERE redeemed_bulk_coupon_id = '{couponId}'"));
        Assert.Equal(10L, await fixture.Database.ScalarAsync<long>($"""
            SELECT count(*) FROM entitlements e JOIN purchases p ON p.id = e.source_id WHERE p.redeemed_bulk_coupon_id = '{couponId}' AND e.deleted_at IS NULL
            """));
    }

    [Fact]
    public async Task One_learner_redeeming_twice_at_once_gets_one_seat()
    {
        var (code, couponId, _) = await NewSeatCouponAsync(5);
        var learner = await UserIdAsync("learner00060@demo.antonio.dev");
        var seats = _app.Service<TeamSeats>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => seats.RedeemAsync(learner, code))));
        Assert.Equal(1, outcomes.Count(o => o == RedeemOutcome.Redeemed));
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>($"SELECT used_count FROM coupons WHERE id = '{couponId}'"));
    }

    [Fact]
    public async Task Team_page_shows_seats_and_an_invite_link_that_redeems()
    {
        var (code, _, email) = await NewSeatCouponAsync(3);
        using var buyer = await WebUser.SignedInAsync(_app, email);
        var team = await buyer.GetAsync("/team");
        Assert.Contains($"/team/redeem/{code}", team.Body);
        Assert.Contains("<strong>0 of 3</strong>", team.Body);

        using var member = await WebUser.SignedInAsync(_app, "learner00007@demo.antonio.dev");
        var redeemed = await member.SubmitFormAsync($"/team/redeem/{code}", "redeem-seat", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, redeemed.StatusCode);
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.AdvancedFirst);
        var lesson = await member.GetAsync($"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[2].Lesson.Slug}");
        Assert.DoesNotContain("class=\"paywall\"", lesson.Body);
        Assert.Contains("<strong>1 of 3</strong>", (await buyer.GetAsync("/team")).Body);

        Assert.Equal(404, (await member.GetAsync("/team/redeem/NO-SUCH-CODE")).Status);
        using var anonymous = new WebUser(_app);
        Assert.Contains("Sign in to claim it", (await anonymous.GetAsync($"/team/redeem/{code}")).Body);
    }
}
