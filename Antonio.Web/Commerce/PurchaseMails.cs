using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Antonio.Data.Mail;
using Antonio.Web.Access.Account;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce;

/// <summary>The outbox kinds a purchase queues, in the transaction that records it or ends its access.</summary>
public static class PurchaseMailKinds
{
    public const string Receipt = "purchase-receipt";
    public const string AccessEnded = "access-ended";
}

public sealed record PurchaseMailRequest(Guid PurchaseId);

/// <summary>What the purchase mails say about a purchase: read once, at delivery.</summary>
internal sealed record PurchaseFacts(Purchase Purchase, string Product, string? CouponCode, string? ChargeId, IReadOnlyList<ProductWorkshop> Workshops)
{
    public static async Task<PurchaseFacts?> LoadAsync(IDbContextFactory<AntonioDbContext> dbFactory, Guid purchaseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchase = await db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.Id == purchaseId, ct);
        if (purchase is null) return null;
        var product = await db.Products.AsNoTracking().Where(p => p.Id == purchase.ProductId).Select(p => p.Name).SingleAsync(ct);
        var coupon = purchase.CouponId is { } couponId ? await db.Coupons.AsNoTracking().Where(c => c.Id == couponId).Select(c => c.Code).SingleOrDefaultAsync(ct) : null;
        var charge = purchase.MerchantChargeId is { } chargeId ? await db.MerchantCharges.AsNoTracking().Where(c => c.Id == chargeId).Select(c => c.Identifier).SingleOrDefaultAsync(ct) : null;
        return new PurchaseFacts(purchase, product, coupon, charge, await ProductWorkshopsQuery.LoadAsync(db, purchase.ProductId, ct));
    }
}

/// <summary>
/// The receipt and welcome after a purchase: what was bought, for how much (coupon, regional price, seats),
/// and a one-click sign-in link to start (to the team page for a team purchase). It holds a sign-in link,
/// so the outbox keeps only that it was sent.
/// </summary>
public sealed class PurchaseReceiptMail(IDbContextFactory<AntonioDbContext> dbFactory, UserManager<AppUser> users, MagicLinks links, MailRenderer renderer,
    TimeProvider clock, Antonio.Web.Commerce.Live.LiveSessionReader liveSessions) : IMailComposer
{
    public string Kind => PurchaseMailKinds.Receipt;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<PurchaseMailRequest>(message) is not { } request || await PurchaseFacts.LoadAsync(dbFactory, request.PurchaseId, ct) is not { } facts
            || await users.FindByIdAsync(facts.Purchase.UserId.ToString()) is not { } user)
            return null;
        var p = facts.Purchase;
        var team = p.Quantity > 1;
        var details = new List<MailDetail> { new("Product", facts.Product) };
        if (team) details.Add(new("Seats", p.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (facts.CouponCode is { } code) details.Add(new("Coupon", code));
        if (p.Status == PurchaseStatus.Restricted && p.Country is { } country) details.Add(new("Regional price", $"for {country}"));
        details.Add(new("Paid", Money.Format(p.TotalAmountCents)));
        details.Add(new("Date", p.CreatedAt.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        if (facts.ChargeId is { } charge) details.Add(new("Receipt number", charge));
        // A ticket to a live session: the receipt says when it is and leads to its page, where the holder joins.
        var session = team ? null : await liveSessions.GetAsync(p.ProductId, ct);
        var link = await links.CreateAsync(user, team ? "/team" : session is not null ? Antonio.Web.Commerce.Live.LiveLinks.Page(session.Slug) : "/dashboard");
        // A cohort that has not opened yet: the receipt is its welcome, and says when.
        var now = clock.GetUtcNow();
        var upcoming = team ? null : Antonio.Web.Content.CohortDates.Upcoming(facts.Workshops, now);
        if (session is not null)
            return await renderer.RenderAsync(new MailContent
            {
                Subject = $"Your ticket: {facts.Product}",
                Heading = "Your ticket is booked",
                Intro = [$"{session.Name} starts {Antonio.Web.Commerce.Live.LiveTimes.Utc(session.StartsAt)} ({Antonio.Web.Commerce.Live.LiveTimes.InOrganiserZone(session)}).",
                         "Join from the session's page: the way in opens shortly before the start. We'll remind you before it begins."],
                Details = details,
                Action = new MailAction("Open the session's page", link, "This button signs you in (once, within 15 minutes)."),
                Secret = true,
            });
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"Your receipt: {facts.Product}",
            Heading = upcoming is null ? "Thank you for your purchase!" : "Welcome to the cohort!",
            Intro = [team
                ? $"Your {p.Quantity} seats of {facts.Product} are ready. Invite your team from your team page: each person you invite gets their own access."
                : Antonio.Web.Content.CohortDates.WhatOpens(facts.Workshops, now)],
            Details = details,
            Action = new MailAction(team ? "Invite your team" : "Start learning", link, "This button signs you in (once, within 15 minutes)."),
            Outro = p.Status == PurchaseStatus.Restricted
                ? [$"You paid the regional price for {p.Country}: your lessons open when you visit from {p.Country}."]
                : [],
            Secret = true,
        });
    }
}

/// <summary>A refund, dispute or ban: what happened and which workshops the learner no longer has.</summary>
public sealed class AccessEndedMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer, SiteUrls urls) : IMailComposer
{
    public string Kind => PurchaseMailKinds.AccessEnded;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<PurchaseMailRequest>(message) is not { } request || await PurchaseFacts.LoadAsync(dbFactory, request.PurchaseId, ct) is not { } facts)
            return null;
        var what = facts.Purchase.Status switch
        {
            PurchaseStatus.Refunded => "was refunded",
            PurchaseStatus.Disputed => "is disputed with your bank",
            _ => "was cancelled",
        };
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"Your purchase of {facts.Product} {what}",
            Heading = $"Your purchase {what}",
            Intro = [$"Your purchase of {facts.Product} ({Money.Format(facts.Purchase.TotalAmountCents)}, {facts.Purchase.CreatedAt:MMMM d, yyyy}) {what}, so the access it gave has ended."],
            Details = facts.Workshops.Select(w => new MailDetail("No longer included", w.Title)).ToList(),
            Outro = ["Any certificates earned through it are no longer valid. Your account, and anything else you own, stay as they are.",
                     $"Questions? Reply to this e-mail or write to us from {urls.Base}."],
        });
    }
}
