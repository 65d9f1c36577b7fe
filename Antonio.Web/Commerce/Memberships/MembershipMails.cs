using System.Globalization;
using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>The outbox kinds a membership queues, in the transaction of the change they announce (<see cref="SubscriptionLedger"/>).</summary>
public static class MembershipMailKinds
{
    /// <summary>A payment taken: the welcome after the first, a renewal notice after the others; both a receipt.</summary>
    public const string Receipt = "membership-receipt";
    /// <summary>A payment failed: access goes on through the grace period; the member is asked to update the card.</summary>
    public const string PaymentFailed = "membership-payment-failed";
    /// <summary>Canceled by the member: it runs to the end of the period paid for.</summary>
    public const string Canceled = "membership-canceled";
    /// <summary>Ended: the tier's lessons are closed.</summary>
    public const string Ended = "membership-ended";
}

public sealed record MembershipMailRequest(Guid SubscriptionId, Guid? ChargeId = null);

/// <summary>What the membership mails say, read once at delivery: the subscription as it is then, its plan and product, and the charge a receipt is for.</summary>
internal sealed record MembershipFacts(Subscription Subscription, MembershipPlan Plan, string Product, MerchantCharge? Charge, int Payments)
{
    public static async Task<MembershipFacts?> LoadAsync(IDbContextFactory<AntonioDbContext> dbFactory, OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<MembershipMailRequest>(message) is not { } request) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from s in db.Subscriptions
                           where s.Id == request.SubscriptionId
                           join plan in db.MembershipPlans on s.PlanId equals plan.Id
                           join product in db.Products on plan.ProductId equals product.Id
                           select new { s, plan, product.Name }).SingleOrDefaultAsync(ct);
        if (found is null) return null;
        var charge = request.ChargeId is { } id ? await db.MerchantCharges.SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        var payments = await db.MerchantCharges.CountAsync(c => c.SubscriptionId == request.SubscriptionId, ct);
        return new MembershipFacts(found.s, found.plan, found.Name, charge, payments);
    }

    public string Billed => Plan.Interval == BillingIntervals.Year ? "yearly" : "monthly";

    public static string Day(DateTimeOffset at) => at.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The receipt for a membership payment: the welcome after the first, "renewed" after the others.</summary>
public sealed class MembershipReceiptMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer, SiteUrls urls) : IMailComposer
{
    public string Kind => MembershipMailKinds.Receipt;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await MembershipFacts.LoadAsync(dbFactory, message, ct) is not { Charge: { } charge } facts) return null;
        var first = facts.Payments <= 1;
        var details = new List<MailDetail> { new("Membership", $"{facts.Product}, billed {facts.Billed}") };
        if (charge.Quantity > 1) details.Add(new("Seats", charge.Quantity.Value.ToString(CultureInfo.InvariantCulture)));
        details.Add(new("Paid", Money.Format(charge.AmountCents ?? 0)));
        if (charge.PeriodStart is { } from && charge.PeriodEnd is { } to) details.Add(new("Period", $"{MembershipFacts.Day(from)} – {MembershipFacts.Day(to)}"));
        details.Add(new("Invoice", Invoices.NumberOf(charge.Id, charge.CreatedAt)));
        return await renderer.RenderAsync(new MailContent
        {
            Subject = first ? $"Welcome to {facts.Product}" : $"Your receipt: {facts.Product} renewed",
            Heading = first ? "Welcome — your membership is active" : "Your membership renewed",
            Intro = [first
                ? $"Thank you for joining {facts.Product}. Every {facts.Plan.Tier} lesson is open to you now."
                : $"We took your {facts.Billed} payment for {facts.Product}: your lessons stay open."],
            Details = details,
            Action = new MailAction("See the invoice", urls.Absolute(InvoiceLinks.Invoice(charge.Id)), "Add your company's name and address to it there."),
            Outro = ["Manage or cancel your membership at any time from your membership page."],
        });
    }
}

/// <summary>A payment failed: until when the lessons stay open, and where to fix it.</summary>
public sealed class MembershipPaymentFailedMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer, SiteUrls urls, IOptions<PaymentOptions> options) : IMailComposer
{
    public string Kind => MembershipMailKinds.PaymentFailed;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await MembershipFacts.LoadAsync(dbFactory, message, ct) is not { } facts) return null;
        var until = facts.Subscription.AccessUntil(options.Value.MembershipGracePeriod);
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"Your payment for {facts.Product} didn't go through",
            Heading = "We couldn't take your payment",
            Intro = [until is { } open
                ? $"Your bank declined the {facts.Billed} payment for {facts.Product}. Your lessons stay open until {MembershipFacts.Day(open)} while you update your card."
                : $"Your bank declined the {facts.Billed} payment for {facts.Product}."],
            Action = new MailAction("Update your payment method", urls.Absolute(MembershipLinks.Page), "We'll try the payment again once it's updated."),
        });
    }
}

/// <summary>Canceled by the member: the date it ends, and that they can change their mind until then.</summary>
public sealed class MembershipCanceledMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer, SiteUrls urls) : IMailComposer
{
    public string Kind => MembershipMailKinds.Canceled;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await MembershipFacts.LoadAsync(dbFactory, message, ct) is not { } facts) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"Your {facts.Product} is canceled",
            Heading = "Your membership is canceled",
            Intro = [$"It won't renew. Your lessons stay open until {MembershipFacts.Day(facts.Subscription.CurrentPeriodEnd)}, the end of the period you paid for."],
            Action = new MailAction("Keep my membership", urls.Absolute(MembershipLinks.Page), "Changed your mind? Resume it before then."),
        });
    }
}

/// <summary>Ended: which lessons closed; progress and certificates stay.</summary>
public sealed class MembershipEndedMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer, SiteUrls urls) : IMailComposer
{
    public string Kind => MembershipMailKinds.Ended;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await MembershipFacts.LoadAsync(dbFactory, message, ct) is not { } facts) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"Your {facts.Product} has ended",
            Heading = "Your membership has ended",
            Intro = [$"The {facts.Plan.Tier} lessons it opened are closed now. Your progress and certificates stay on your account."],
            Action = new MailAction("See the memberships", urls.Absolute(MembershipLinks.Pricing), "Come back whenever you like."),
        });
    }
}
