using Antonio.Data;
using Antonio.Web.Commerce.Live;
using Antonio.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning.Live;

/// <summary>What a reminder is about: a session, the start it announces, and how long before it (in seconds) it was due.</summary>
public sealed record LiveReminder(Guid ProductId, DateTimeOffset StartsAt, long OffsetSeconds);

/// <summary>
/// Reminders before a live session: at each of <see cref="LiveOptions.ReminderOffsets"/> before the start, every ticket
/// holder is sent one e-mail. Every node runs the check (<see cref="LiveReminderClock"/>), after every restart, with
/// whatever its clock says: exactly once comes from the outbox, where each message's key is the holder × session ×
/// start × offset and a second row with it is refused. A reminder missed for longer than
/// <see cref="LiveOptions.ReminderWindow"/> (an outage) is skipped, none goes out once the session has started, and a
/// session moved to a new start is reminded of again.
/// </summary>
public sealed class LiveReminders(IDbContextFactory<AntonioDbContext> dbFactory, OutboxSignal signal, IOptionsMonitor<LiveOptions> options, TimeProvider clock)
{
    public const string MailKind = "live-reminder";

    /// <returns>How many e-mails this run queued (0 when another node, or an earlier run, queued them).</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        var since = now - settings.ReminderWindow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queued = 0;
        foreach (var seconds in settings.ReminderOffsets.Select(o => (long)o.TotalSeconds).Distinct())
        {
            // One statement per offset: the holders and their rows are decided together, and the unique key settles any race.
            queued += await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO email_outbox (id, kind, recipient, payload, status, attempts, next_attempt_at, created_at, once_key)
                SELECT gen_random_uuid(), {MailKind}, u.email,
                       jsonb_build_object('productId', s.product_id, 'startsAt', s.starts_at, 'offsetSeconds', {seconds}),
                       'queued', 0, {now}, {now},
                       {MailKind} || ':' || u.id || ':' || s.product_id || ':' || extract(epoch FROM s.starts_at)::bigint || ':' || {seconds}
                  FROM live_sessions s
                  -- A ticket (LiveSessionQuery.IsTicket): a purchase that grants access, not a team's seats for others.
                  JOIN purchases t ON t.product_id = s.product_id AND t.status IN ('Valid', 'Restricted')
                   AND (t.bulk_coupon_id IS NULL OR t.redeemed_bulk_coupon_id IS NOT NULL)
                  JOIN users u ON u.id = t.user_id AND u.email IS NOT NULL
                 WHERE s.starts_at > {now}
                   AND s.starts_at - make_interval(secs => {seconds}) <= {now}
                   AND s.starts_at - make_interval(secs => {seconds}) > {since}
                 GROUP BY u.id, u.email, s.product_id, s.starts_at
                ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING
                """, ct);
        }
        if (queued > 0) signal.Set();
        return queued;
    }
}

/// <summary>Runs <see cref="LiveReminders"/> on every node, every <see cref="LiveOptions.ReminderCheckInterval"/>.</summary>
public sealed class LiveReminderClock(LiveReminders reminders, IOptionsMonitor<LiveOptions> options, IHostApplicationLifetime lifetime,
    ILogger<LiveReminderClock> log) : Hosting.EveryNodeCheck(lifetime, log)
{
    protected override string Name => "live session reminder check";

    protected override TimeSpan Interval => options.CurrentValue.ReminderCheckInterval;

    protected override Task RunOnceAsync(CancellationToken ct) => reminders.RunAsync(ct);
}
