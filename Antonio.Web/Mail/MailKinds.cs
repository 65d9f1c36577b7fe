using Antonio.Data.Mail;

namespace Antonio.Web.Mail;

/// <summary>
/// A message ready to send: both parts, whether its text is a secret (a sign-in link) the outbox must not keep
/// once sent, and whether its payload is (a pending sign-up's password hash): then that is not kept either.
/// </summary>
public sealed record ComposedMail(string Subject, string Text, string? Html = null, bool Secret = false)
{
    public bool PayloadIsSecret { get; init; }
}

/// <summary>
/// Composes one kind of outbox message at delivery time, from its recipient and payload. Returns null
/// when there is nothing to send after all (a sign-in link asked for an address with no account):
/// that decision is made here, in the background, so the request that queued it answered the same
/// way, in the same time, whoever asked.
/// </summary>
public interface IMailComposer
{
    /// <summary>The outbox kind this composer handles (e.g. "sign-in-link").</summary>
    string Kind { get; }
    Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct);
}
