namespace Antonio.Web.Mail;

/// <summary>How e-mail leaves the app (<c>Antonio:Mail</c>). Without an SMTP host, messages are written to the log and kept in the outbox.</summary>
public sealed class MailOptions
{
    public const string Section = "Antonio:Mail";

    /// <summary>SMTP server; empty = no delivery (development): each message goes to the log instead.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>auto (STARTTLS when offered), starttls (required), tls (TLS on connect, port 465), none (local relays and tests).</summary>
    public string SmtpSecurity { get; set; } = "auto";
    /// <summary>The sender: "Antonio Workshops &lt;no-reply@example.com&gt;" or a bare address.</summary>
    public string From { get; set; } = "Antonio Workshops <no-reply@antonio.dev>";
    /// <summary>Attempts per message before it is marked failed (an admin can resend it).</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait before the first retry; each further retry waits twice as long (capped at an hour).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How often an idle dispatcher looks for due messages (other nodes' messages, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
