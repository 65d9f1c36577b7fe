using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Web.Commerce.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning.Live;

/// <summary>What the join check says: where to send the viewer (only when they may go), or why not, with the status to answer.</summary>
public sealed record JoinDecision(string? JoinUrl, int Status, string Title, string Text);

/// <summary>
/// The one way to where a live session happens: a signed-in ticket holder, from <see cref="LiveOptions.JoinOpensBefore"/>
/// before the start until the end, is sent there; anyone else is told why not, and the address is in nothing they are
/// sent. Decided on every request from the database: the address is in no cache.
/// </summary>
public sealed class LiveJoin(IDbContextFactory<AntonioDbContext> dbFactory, IOptionsMonitor<LiveOptions> options, TimeProvider clock)
{
    /// <summary>The one statement of the window: the join check and the session's page both ask it.</summary>
    public static JoinWindow Window(LiveSessionData session, TimeSpan opensBefore, DateTimeOffset now)
    {
        var opens = session.StartsAt - opensBefore;
        var ended = now >= session.EndsAt;
        return new(opens, now >= opens && !ended, ended);
    }

    public async Task<JoinDecision> DecideAsync(LiveSessionData session, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (holder, joinUrl) = await LiveSessionQuery.JoinAsync(db, session.ProductId, userId, ct);
        var window = Window(session, options.CurrentValue.JoinOpensBefore, clock.GetUtcNow());
        if (!holder)
            return new(null, StatusCodes.Status403Forbidden, "This session is for ticket holders",
                session.SoldOut ? "You don't hold a ticket to it, and it is sold out." : "You don't hold a ticket to it yet: buy one on the session's page.");
        if (window.Ended)
            return new(null, StatusCodes.Status410Gone, "This session has ended", $"It ended {LiveTimes.Utc(session.EndsAt)}.");
        if (!window.Open)
            return new(null, StatusCodes.Status200OK, "Not yet",
                $"You hold a ticket. The way in opens {LiveTimes.Utc(window.Opens)}, {options.CurrentValue.JoinOpensBefore.TotalMinutes:0} minutes before the start: come back then.");
        return string.IsNullOrEmpty(joinUrl)
            ? new(null, StatusCodes.Status409Conflict, "The way in isn't ready", "The organiser hasn't given the session's address yet. Try again in a minute.")
            : new(joinUrl, StatusCodes.Status302Found, "", "");
    }
}

/// <summary>When a session's way in is open: from <see cref="LiveOptions.JoinOpensBefore"/> before its start until its end.</summary>
public sealed record JoinWindow(DateTimeOffset Opens, bool Open, bool Ended);
