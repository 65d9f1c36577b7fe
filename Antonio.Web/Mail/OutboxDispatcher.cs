using System.Diagnostics;
using Antonio.Data;
using Antonio.Data.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Antonio.Web.Mail;

/// <summary>
/// Delivers the outbox, on every node at once without sending anything twice: each message is claimed
/// in its own transaction with <c>FOR UPDATE SKIP LOCKED</c> (another node skips it), composed,
/// handed to the transport, and marked in that same transaction. A crash before the mark rolls the
/// claim back and the message is sent again later — at least once, never lost; its Message-ID (the
/// row id) lets a receiving server recognise the repeat. Failures retry with exponential backoff up to
/// <see cref="MailOptions.MaxAttempts"/>, then the message is marked failed.
/// </summary>
public sealed partial class OutboxDispatcher(IDbContextFactory<AntonioDbContext> dbFactory, IServiceScopeFactory scopes, IMailTransport transport,
    OutboxSignal signal, IOptions<MailOptions> options, SiteUrls urls, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<OutboxDispatcher> log)
    : BackgroundService
{
    /// <summary>What a secret message (a sign-in link) keeps once sent: the outbox is readable by admins, the link is not theirs.</summary>
    public const string SecretPlaceholder = "(This message held a personal sign-in link; its text is not kept.)";

    /// <summary>One span per delivery, when a trace collector listens (Observability/Traces.cs takes every "Antonio.*" source).</summary>
    public static readonly ActivitySource Deliveries = new("Antonio.Outbox");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before the app listens: in Development the site's address (for links) is where it listens.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = false;
            try
            {
                delivered = await DeliverNextAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable (or a bug): nothing was marked, so nothing is lost. Try again later.
                LogUnreadable(log, e, options.Value.PollInterval);
            }
            if (!delivered) await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims and handles one due message; false when none is due (or all are claimed by other nodes).</summary>
    public async Task<bool> DeliverNextAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var message = await db.OutboxMessages
            .FromSql($"SELECT * FROM email_outbox WHERE status = 'queued' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .AsTracking().SingleOrDefaultAsync(ct);
        if (message is null) return false;
        using var span = Deliveries.StartActivity("outbox deliver")?.SetTag("antonio.mail.kind", message.Kind).SetTag("antonio.mail.attempt", message.Attempts + 1);
        await HandleAsync(message, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        span?.SetTag("antonio.mail.status", message.Status);
        if (message.Status != OutboxStatus.Sent && message.LastError is { } error) span?.SetStatus(ActivityStatusCode.Error, error);
        return true;
    }

    private async Task HandleAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        message.Attempts++;
        var secret = false;
        var secretPayload = false;
        try
        {
            if (message.Subject is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                var composer = scope.ServiceProvider.GetServices<IMailComposer>().SingleOrDefault(c => c.Kind == message.Kind)
                    ?? throw new InvalidOperationException($"No composer for e-mail kind '{message.Kind}'.");
                if (await composer.ComposeAsync(message, ct) is not { } composed)
                {
                    message.Status = OutboxStatus.Dropped;
                    message.Payload = null;
                    return;
                }
                (message.Subject, message.TextBody, message.HtmlBody, secret, secretPayload) = (composed.Subject, composed.Text, composed.Html, composed.Secret, composed.PayloadIsSecret);
            }
            await transport.SendAsync(ToMime(message), ct);
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.LastError = null;
            if (secret) (message.TextBody, message.HtmlBody) = (SecretPlaceholder, null);
            if (secretPayload) message.Payload = null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            // A secret is composed again (a fresh link) for the next attempt rather than stored.
            if (secret) (message.Subject, message.TextBody, message.HtmlBody) = (null, null, null);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                message.Status = OutboxStatus.Failed;
                LogGaveUp(log, message.Id, message.Kind, message.Recipient, message.Attempts, message.LastError);
            }
            else
            {
                message.NextAttemptAt = now + Backoff(message.Attempts);
                LogRetry(log, message.Id, message.Kind, message.Attempts, message.NextAttemptAt, message.LastError);
            }
        }
    }

    /// <summary>Base × 2^(attempt−1), capped at an hour.</summary>
    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.RetryBaseDelay.Ticks * (1L << Math.Min(attempt - 1, 30))));

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject ?? "", MessageId = $"{message.Id:N}@{urls.Base.Host}" };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox could not be read; retrying in {Interval}")]
    private static partial void LogUnreadable(ILogger logger, Exception error, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {Id} ({Kind}) to {To} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid id, string kind, string to, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} ({Kind}) attempt {Attempt} failed, next at {Next}: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid id, string kind, int attempt, DateTimeOffset next, string? error);
}
