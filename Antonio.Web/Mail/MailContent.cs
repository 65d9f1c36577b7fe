namespace Antonio.Web.Mail;

/// <summary>
/// What a transactional e-mail says, once: <see cref="MailRenderer"/> makes both parts from it — the HTML
/// (a Razor component, <see cref="TransactionalMail"/>) and the plain text — so they can never disagree.
/// Every link is absolute, built from the configured public URL.
/// </summary>
public sealed record MailContent
{
    public required string Subject { get; init; }
    public required string Heading { get; init; }
    public IReadOnlyList<string> Intro { get; init; } = [];
    /// <summary>The one thing to do (a button in HTML, the bare link in text).</summary>
    public MailAction? Action { get; init; }
    /// <summary>Label/value lines: a receipt's amount, coupon, seats.</summary>
    public IReadOnlyList<MailDetail> Details { get; init; } = [];
    public IReadOnlyList<string> Outro { get; init; } = [];
    /// <summary>The message holds a credential (a sign-in link): the outbox does not keep its text once sent.</summary>
    public bool Secret { get; init; }
    /// <summary>The queued payload holds a secret too (a password hash, a security stamp): dropped once sent, so the message cannot be composed again.</summary>
    public bool PayloadIsSecret { get; init; }
}

public sealed record MailAction(string Label, string Url, string? Note = null);

public sealed record MailDetail(string Label, string Value);
