using System.Collections.Concurrent;
using Antonio.Data;
using Antonio.Data.Commerce;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce.Memberships;

/// <summary>
/// The local test-mode provider's billing (development and tests only, like its checkout): it does what Stripe
/// Billing does for a membership — charges each period when it ends, marks a declined renewal past due and gives up
/// <see cref="GiveUpAfter"/> later, ends a canceled one at its period's end — and tells the <see cref="SubscriptionLedger"/>
/// exactly as Stripe's webhook would, by the app's clock (so tests move time). A card that declines is a switch on
/// <see cref="MembershipLinks.LocalBilling"/>; it lives in this process only.
/// </summary>
public sealed class LocalBilling(SubscriptionLedger ledger, IDbContextFactory<AntonioDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long an unpaid renewal is retried before the subscription is canceled (Stripe's retry schedule, simplified).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(21);

    private readonly ConcurrentDictionary<Guid, bool> _declining = new();

    /// <summary>The test-mode payment of a membership checkout: the subscription starts, paid for its first period. Paying twice starts nothing new.</summary>
    public async Task StartAsync(CheckoutIntent intent, CancellationToken ct = default)
    {
        if (intent.PlanId is not { } planId || intent.Interval is not { } interval) throw new ArgumentException("Not a membership checkout.", nameof(intent));
        var now = clock.GetUtcNow();
        var id = "local_sub_" + intent.SessionId;
        var end = BillingIntervals.After(interval, now);
        await ledger.RecordPaymentAsync(new SubscriptionPayment
        {
            // One first invoice per checkout, whenever it is paid again (a double click, a replayed form).
            Provider = LocalPaymentProvider.ProviderName, InvoiceId = $"local_in_{id}_first", ProviderSubscriptionId = id, ProviderCustomerId = Customer(intent.UserId),
            UserId = intent.UserId, PlanId = planId, AmountCents = intent.AmountCents, Quantity = intent.Quantity, PeriodStart = now, PeriodEnd = end, PaidAt = now,
        }, ct);
    }

    /// <summary>Everything due by now: renewals charged (or declined), unpaid ones given up on, canceled ones ended. Returns how many changed.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var giveUpBefore = now - GiveUpAfter;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await (from s in db.Subscriptions.Where(Subscription.Live)
                         where s.Provider == LocalPaymentProvider.ProviderName
                               && ((s.Status == SubscriptionStatus.Active && s.CurrentPeriodEnd <= now)
                                   || (s.Status == SubscriptionStatus.PastDue && s.PaymentFailedAt <= giveUpBefore))
                         join plan in db.MembershipPlans on s.PlanId equals plan.Id
                         select new { s, plan }).ToListAsync(ct);
        foreach (var (subscription, plan) in due.Select(d => (d.s, d.plan))) await AdvanceAsync(subscription, plan, now, ct);
        return due.Count;
    }

    private async Task AdvanceAsync(Subscription s, MembershipPlan plan, DateTimeOffset now, CancellationToken ct)
    {
        if (s.Status == SubscriptionStatus.PastDue || s.CancelAtPeriodEnd)
        {
            var endedAt = s.Status == SubscriptionStatus.PastDue ? s.PaymentFailedAt!.Value + GiveUpAfter : s.CurrentPeriodEnd;
            await ledger.ApplyAsync(Report(s, now) with { Status = SubscriptionStatus.Canceled, EndedAt = endedAt }, ct);
            return;
        }
        // Renewed for the periods that have passed (a test may move the clock several at once), until one is declined.
        var (start, end) = (s.CurrentPeriodEnd, BillingIntervals.After(plan.Interval, s.CurrentPeriodEnd));
        for (; ; (start, end) = (end, BillingIntervals.After(plan.Interval, end)))
        {
            if (_declining.GetValueOrDefault(s.Id))
            {
                await ledger.ApplyAsync(Report(s, now) with { Status = SubscriptionStatus.PastDue, PeriodStart = start, PeriodEnd = end }, ct);
                await ledger.RecordPaymentFailureAsync(new SubscriptionPaymentFailure
                {
                    Provider = s.Provider, InvoiceId = InvoiceId(s.ProviderSubscriptionId, start), ProviderSubscriptionId = s.ProviderSubscriptionId,
                    ProviderCustomerId = s.ProviderCustomerId, UserId = s.UserId, PlanId = s.PlanId, PeriodEnd = end, FailedAt = start,
                }, ct);
                return;
            }
            await PayAsync(s, plan, start, end, now, ct);
            if (end > now) return;
        }
    }

    /// <summary>The member's own switch: cancel at the period's end, or take that back. False when it is not their live local membership.</summary>
    public async Task<bool> CancelAtPeriodEndAsync(Guid userId, Guid subscriptionId, bool cancel, CancellationToken ct = default)
    {
        if (await LiveAsync(userId, subscriptionId, ct) is not var (s, _)) return false;
        await ledger.ApplyAsync(Report(s, clock.GetUtcNow()) with { CancelAtPeriodEnd = cancel }, ct);
        return true;
    }

    /// <summary>The number of seats, changed at once (as Stripe's portal does, leaving the proration to the next invoice). False when it is not their live local membership.</summary>
    public async Task<bool> SetSeatsAsync(Guid userId, Guid subscriptionId, int seats, CancellationToken ct = default)
    {
        if (await LiveAsync(userId, subscriptionId, ct) is not var (s, _)) return false;
        await ledger.ApplyAsync(Report(s, clock.GetUtcNow()) with { Quantity = seats }, ct);
        return true;
    }

    /// <summary>
    /// The test-mode card: one that declines makes the next renewal fail; a working one pays an unpaid renewal at once.
    /// False when it is not their live local membership.
    /// </summary>
    public async Task<bool> SetCardAsync(Guid userId, Guid subscriptionId, bool declines, CancellationToken ct = default)
    {
        if (await LiveAsync(userId, subscriptionId, ct) is not var (s, plan)) return false;
        _declining[s.Id] = declines;
        if (!declines && s.Status == SubscriptionStatus.PastDue) await PayAsync(s, plan, s.CurrentPeriodStart, s.CurrentPeriodEnd, clock.GetUtcNow(), ct);
        return true;
    }

    public bool CardDeclines(Guid subscriptionId) => _declining.GetValueOrDefault(subscriptionId);

    private async Task PayAsync(Subscription s, MembershipPlan plan, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken ct)
    {
        await ledger.RecordPaymentAsync(new SubscriptionPayment
        {
            Provider = s.Provider, InvoiceId = InvoiceId(s.ProviderSubscriptionId, start), ProviderSubscriptionId = s.ProviderSubscriptionId,
            ProviderCustomerId = s.ProviderCustomerId, UserId = s.UserId, PlanId = s.PlanId, AmountCents = plan.UnitAmountCents * s.Quantity,
            Quantity = s.Quantity, PeriodStart = start, PeriodEnd = end, PaidAt = now,
        }, ct);
        await ledger.ApplyAsync(Report(s, now) with { Status = SubscriptionStatus.Active, PeriodStart = start, PeriodEnd = end }, ct);
        (s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd) = (SubscriptionStatus.Active, start, end);
    }

    private async Task<(Subscription, MembershipPlan)?> LiveAsync(Guid userId, Guid subscriptionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from s in db.Subscriptions.Where(Subscription.Live)
                           where s.Id == subscriptionId && s.UserId == userId && s.Provider == LocalPaymentProvider.ProviderName
                           join plan in db.MembershipPlans on s.PlanId equals plan.Id
                           select new { s, plan }).SingleOrDefaultAsync(ct);
        return found is null ? null : (found.s, found.plan);
    }

    /// <summary>The subscription as it stands, said now: the base every local report changes one thing of.</summary>
    private static SubscriptionReport Report(Subscription s, DateTimeOffset now) => new()
    {
        Provider = s.Provider, ProviderSubscriptionId = s.ProviderSubscriptionId, ProviderCustomerId = s.ProviderCustomerId, UserId = s.UserId,
        PlanId = s.PlanId, Status = s.Status, Quantity = s.Quantity, PeriodStart = s.CurrentPeriodStart, PeriodEnd = s.CurrentPeriodEnd,
        CancelAtPeriodEnd = s.CancelAtPeriodEnd, ReportedAt = now,
    };

    /// <summary>One invoice per subscription and period: paying a period twice finds its charge already there.</summary>
    private static string InvoiceId(string subscriptionId, DateTimeOffset periodStart) => $"local_in_{subscriptionId}_{periodStart.UtcTicks}";

    private static string Customer(Guid userId) => $"local_cus_{userId:N}";
}

/// <summary>Runs <see cref="LocalBilling"/> every minute while the local provider is the configured one, as Stripe runs its billing.</summary>
public sealed partial class LocalBillingClock(LocalBilling billing, ILogger<LocalBillingClock> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await billing.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local billing run failed; the next minute tries again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
