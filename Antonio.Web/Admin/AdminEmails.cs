using Antonio.Data;
using Antonio.Data.Mail;
using Antonio.Web.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public sealed record AdminEmailRow(Guid Id, string Kind, string Recipient, string? Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? TextBody);

public sealed record AdminEmailCount(string Status, int Count);

/// <summary>
/// The outbox for admins (/admin/emails): what was queued, sent, dropped or failed (with the last error), and
/// resending. A failed message goes back to the queue as it was; a sent one is queued again as a copy (its kept
/// text; a message that held a sign-in link is composed afresh, with a new link).
/// </summary>
public sealed class AdminEmails(IDbContextFactory<AntonioDbContext> dbFactory, Mail.OutboxSignal signal, TimeProvider clock)
{
    public const int PageSize = 200;

    public async Task<(IReadOnlyList<AdminEmailCount> Counts, IReadOnlyList<AdminEmailRow> Rows)> ListAsync(string? status, string? recipient, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).OrderBy(g => g.Key).Select(g => new AdminEmailCount(g.Key, g.Count())).ToListAsync(ct);
        var query = db.OutboxMessages.AsNoTracking();
        if (OutboxStatus.All.Contains(status)) query = query.Where(m => m.Status == status);
        if (recipient is { Length: > 0 and <= 256 }) query = query.Where(m => m.Recipient == recipient.Trim());
        var rows = await query.OrderByDescending(m => m.CreatedAt).Take(PageSize)
            .Select(m => new AdminEmailRow(m.Id, m.Kind, m.Recipient, m.Subject, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.TextBody))
            .ToListAsync(ct);
        return (counts, rows);
    }

    /// <summary>Queues the message again; false when there is no such message or it is still queued.</summary>
    public async Task<bool> ResendAsync(Guid id, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.AsTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.Status == OutboxStatus.Queued) return false;
        var now = clock.GetUtcNow();
        var before = new { message.Status, message.Attempts };
        if (message.Status == OutboxStatus.Failed)
        {
            (message.Status, message.Attempts, message.NextAttemptAt) = (OutboxStatus.Queued, 0, now);
        }
        else
        {
            var secret = message.HtmlBody is null && message.TextBody == Mail.OutboxDispatcher.SecretPlaceholder;
            // A message whose payload was a secret too (a sign-up) cannot be composed again: nothing is left to compose it from.
            if (secret && message.Payload is null && message.Kind != Access.Account.AccountMailKinds.SignInLink) return false;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), Kind = message.Kind, Recipient = message.Recipient, Payload = message.Payload,
                Subject = secret ? null : message.Subject, TextBody = secret ? null : message.TextBody, HtmlBody = secret ? null : message.HtmlBody,
                Status = OutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now,
            });
        }
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "email.resend", "email", message.Id, before, new { status = OutboxStatus.Queued }, now));
        await db.SaveChangesAsync(ct);
        signal.Set();
        return true;
    }
}
