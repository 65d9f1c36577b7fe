using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning.Cohorts;

/// <summary>What a "now open" e-mail is about: a cohort workshop and the opening it announces.</summary>
public sealed record CohortOpening(Guid WorkshopId, DateTimeOffset OpensAt);

/// <summary>
/// "Now open": when a cohort workshop's start (its <c>startsAt</c>) has passed, each member — whoever holds cohort access
/// to it from before the opening: buyers, seat holders, manual grants — is sent one e-mail. Every node runs the check
/// (<see cref="CohortOpeningClock"/>), after every restart, with whatever its clock says: exactly once comes from the
/// outbox, where each message's key is the member × workshop × opening and a second row with it is refused. A member who
/// joins after the opening is not told it opened (their receipt says they have access); an opening missed for longer
/// than <see cref="CohortOptions.OpeningMailWindow"/> (an outage) is not announced late; an opening moved to a new date
/// is a new opening.
/// </summary>
public sealed class CohortOpenings(IDbContextFactory<AntonioDbContext> dbFactory, OutboxSignal signal, IOptionsMonitor<CohortOptions> options, TimeProvider clock)
{
    public const string MailKind = "cohort-opened";

    /// <returns>How many e-mails this run queued (0 when another node, or an earlier run, queued them).</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var since = now - options.CurrentValue.OpeningMailWindow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One statement: members and the rows for them are decided together, and the unique key settles any race.
        var queued = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO email_outbox (id, kind, recipient, payload, status, attempts, next_attempt_at, created_at, once_key)
            SELECT gen_random_uuid(), {MailKind}, u.email,
                   jsonb_build_object('workshopId', w.id, 'opensAt', w.fields->>'startsAt'),
                   'queued', 0, {now}, {now},
                   {MailKind} || ':' || u.id || ':' || w.id || ':' || (w.fields->>'startsAt')
              FROM content_resources w
              JOIN entitlements e ON e.content_ids @> ARRAY[w.id] AND e.deleted_at IS NULL AND (e.expires_at IS NULL OR e.expires_at > {now})
              JOIN entitlement_types t ON t.id = e.entitlement_type_id AND t.name = {EntitlementTypeNames.CohortContentAccess}
              JOIN users u ON u.id = e.user_id AND u.email IS NOT NULL
             WHERE w.type = 'workshop' AND w.deleted_at IS NULL AND w.fields->>'state' = 'published'
               AND (w.fields->>'startsAt')::timestamptz <= {now} AND (w.fields->>'startsAt')::timestamptz > {since}
               AND e.created_at <= (w.fields->>'startsAt')::timestamptz
             GROUP BY u.id, u.email, w.id
            ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING
            """, ct);
        if (queued > 0) signal.Set();
        return queued;
    }
}

/// <summary>Runs <see cref="CohortOpenings"/> on every node, every <see cref="CohortOptions.OpeningCheckInterval"/>.</summary>
public sealed class CohortOpeningClock(CohortOpenings openings, IOptionsMonitor<CohortOptions> options, IHostApplicationLifetime lifetime,
    ILogger<CohortOpeningClock> log) : Hosting.EveryNodeCheck(lifetime, log)
{
    protected override string Name => "cohort opening check";

    protected override TimeSpan Interval => options.CurrentValue.OpeningCheckInterval;

    protected override Task RunOnceAsync(CancellationToken ct) => openings.RunAsync(ct);
}
