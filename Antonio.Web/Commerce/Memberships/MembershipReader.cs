using Antonio.Data;
using Antonio.Data.Commerce;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>A plan on sale, with its product's name.</summary>
public sealed record PlanOnSale(MembershipPlan Plan, string Product);

/// <summary>A member's membership as their page shows it: what the provider last said, and until when it opens its tier.</summary>
public sealed record MembershipView(Subscription Subscription, MembershipPlan Plan, string Product, DateTimeOffset? AccessUntil)
{
    public bool IsLive => Subscription.IsLive;
}

/// <summary>A membership as the admin list shows it: whose, and what the provider last said.</summary>
public sealed record AdminMembershipRow(MembershipView Membership, string MemberEmail);

/// <summary>The reads behind the pricing and membership pages and the admin's list (low traffic: straight from PostgreSQL).</summary>
public sealed class MembershipReader(IDbContextFactory<AntonioDbContext> dbFactory, IOptions<PaymentOptions> options)
{
    public async Task<IReadOnlyList<PlanOnSale>> PlansAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = await (from plan in db.MembershipPlans
                           join product in db.Products on plan.ProductId equals product.Id
                           where plan.Status == 1 && product.Status == 1
                           orderby plan.UnitAmountCents
                           select new { plan, product.Name }).ToListAsync(ct);
        return [.. plans.Select(p => new PlanOnSale(p.plan, p.Name))];
    }

    /// <summary>The products sold once (not memberships) that are on sale, for the pricing page to quote.</summary>
    public async Task<IReadOnlyList<Guid>> OneTimeProductIdsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.Where(p => p.Status == 1 && p.Type != ProductTypes.Membership)
            .Select(p => new { p.Id, p.Name, Cents = db.Prices.Where(price => price.ProductId == p.Id && price.Status == 1).Min(price => (long?)price.UnitAmountCents) })
            .Where(p => p.Cents != null).OrderBy(p => p.Cents).ThenBy(p => p.Name).Select(p => p.Id).ToListAsync(ct);
    }

    public async Task<PlanOnSale?> PlanAsync(Guid planId, CancellationToken ct = default) =>
        (await PlansAsync(ct)).FirstOrDefault(p => p.Plan.Id == planId);

    /// <summary>The most rows the admin list shows at once.</summary>
    public const int AdminPage = 200;

    /// <summary>Every membership (those in one provider status when given), newest first, for the admin.</summary>
    public async Task<IReadOnlyList<AdminMembershipRow>> AllAsync(string? status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from s in db.Subscriptions
                          where status == null || s.Status == status
                          join plan in db.MembershipPlans on s.PlanId equals plan.Id
                          join product in db.Products on plan.ProductId equals product.Id
                          join user in db.Users on s.UserId equals user.Id
                          orderby s.CreatedAt descending
                          select new { s, plan, product.Name, user.Email }).Take(AdminPage).ToListAsync(ct);
        return [.. rows.Select(r => new AdminMembershipRow(new MembershipView(r.s, r.plan, r.Name, r.s.AccessUntil(options.Value.MembershipGracePeriod)), r.Email ?? ""))];
    }

    /// <summary>The member's memberships, newest first.</summary>
    public async Task<IReadOnlyList<MembershipView>> ForMemberAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from s in db.Subscriptions
                          where s.UserId == userId
                          join plan in db.MembershipPlans on s.PlanId equals plan.Id
                          join product in db.Products on plan.ProductId equals product.Id
                          orderby s.CreatedAt descending
                          select new { s, plan, product.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new MembershipView(r.s, r.plan, r.Name, r.s.AccessUntil(options.Value.MembershipGracePeriod)))];
    }
}
