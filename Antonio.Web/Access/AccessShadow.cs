using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Web.Caching;
using Antonio.Web.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access;

/// <summary>
/// Shadow mode for access: a share of the access decisions a page is served from (<see cref="FastPathOptions.AccessShadowPercent"/>)
/// is made again, after the response, from the viewer's snapshot read straight from PostgreSQL, and compared. A
/// difference that the cache still holds — a cached snapshot some write failed to drop — is a mismatch: logged with both
/// decisions (their keys: flags, never content) and counted (<c>antonio_access_shadow_mismatches_total</c>, alert
/// <c>AccessShadowMismatch</c> in docs/ops/alerts.yml). A difference the cache no longer holds was a write landing between
/// the two reads, not a fault. The check runs off the request (at most <see cref="MaxInFlight"/> at once, the rest skipped)
/// and counts none of its queries against the request.
/// </summary>
public sealed partial class AccessShadow(IDbContextFactory<AntonioDbContext> dbFactory, AccessReader access, AppMetrics metrics,
    IOptionsMonitor<FastPathOptions> fastPaths, ILogger<AccessShadow> logger)
{
    public const int MaxInFlight = 16;

    private int _inFlight;
    private long _checks;
    private long _mismatches;

    /// <summary>Checks finished on this node, and mismatches among them (what /metrics exports; tests read these).</summary>
    public long Checks => Interlocked.Read(ref _checks);
    public long Mismatches => Interlocked.Read(ref _mismatches);

    /// <summary>
    /// Whether this decision falls in the sampled share (asked first, so a decision outside it costs its caller nothing:
    /// no subject text, no closure). A visitor's decision reads no cached snapshot: never.
    /// </summary>
    public bool Samples(AccessContext viewer)
    {
        if (viewer.Snapshot is null) return false;
        var percent = fastPaths.CurrentValue.AccessShadowPercent;
        return percent > 0 && (percent >= 100 || Random.Shared.NextDouble() * 100 < percent);
    }

    /// <summary>
    /// Compares a sampled decision served to a signed-in viewer (<paramref name="served"/>, made with
    /// <paramref name="viewer"/>'s cached snapshot) with <paramref name="decide"/> made from a fresh one.
    /// </summary>
    public void Check(string page, string subject, AccessContext viewer, string served, Func<AccessContext, string> decide)
    {
        if (viewer.Snapshot is not { } snapshot) return;
        if (Interlocked.Increment(ref _inFlight) > MaxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            return;
        }
        // Not the request's: its query counter, its cancellation and its per-request reads stay out of this.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => CompareAsync(page, subject, viewer, snapshot.UserId, served, decide));
    }

    private async Task CompareAsync(string page, string subject, AccessContext viewer, Guid userId, string served, Func<AccessContext, string> decide)
    {
        try
        {
            AccessSnapshot fresh;
            await using (var db = await dbFactory.CreateDbContextAsync())
                fresh = await AccessSnapshotQuery.LoadAsync(db, userId);
            var truth = decide(viewer with { Snapshot = fresh });
            var mismatch = truth != served && decide(viewer with { Snapshot = await access.GetAsync(userId) }) != truth;
            if (mismatch)
            {
                Interlocked.Increment(ref _mismatches);
                LogMismatch(logger, page, subject, userId, served, truth);
            }
            Interlocked.Increment(ref _checks);
            metrics.RecordShadowCheck(page, mismatch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e, page, subject);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Access shadow mismatch on a {Page} page ({Subject}) for user {UserId}: served {Served}, a fresh snapshot decides {Fresh}")]
    private static partial void LogMismatch(ILogger logger, string page, string subject, Guid userId, string served, string fresh);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access shadow check of a {Page} page ({Subject}) failed")]
    private static partial void LogFailed(ILogger logger, Exception e, string page, string subject);
}
