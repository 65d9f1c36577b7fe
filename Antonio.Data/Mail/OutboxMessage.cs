using System.Text.Json;

namespace Antonio.Data.Mail;

/// <summary>
/// One e-mail in the outbox: written in the transaction that causes it (or alone, for requests whose
/// answer must not depend on what the database holds), delivered later by the dispatcher. What to
/// send is decided from <see cref="Kind"/> and <see cref="Payload"/> at delivery, then kept
/// (<see cref="Subject"/>, bodies) so a retry sends the same message.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>What the message is (see the web app's mail kinds): decides how it is composed.</summary>
    public string Kind { get; set; } = "";
    public string Recipient { get; set; } = "";
    /// <summary>The kind's inputs (a return URL, a display name, …).</summary>
    public JsonDocument? Payload { get; set; }
    public string? Subject { get; set; }
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string Status { get; set; } = OutboxStatus.Queued;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>
    /// Set for a message that must go out once whoever queues it, however often (a scheduled job on every node, run again
    /// after a restart): a second row with the same key is refused by a unique index.
    /// </summary>
    public string? OnceKey { get; set; }
}

public static class OutboxStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    public const string Queued = "queued";
    public const string Sent = "sent";
    /// <summary>Gave up after the last attempt; an admin may resend.</summary>
    public const string Failed = "failed";
    /// <summary>Nothing to send after all (a sign-in link for an address with no account).</summary>
    public const string Dropped = "dropped";

    public static readonly IReadOnlyList<string> All = [Queued, Sent, Failed, Dropped];
}
