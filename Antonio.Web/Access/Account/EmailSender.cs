using System.Net;
using System.Net.Mail;

namespace Antonio.Web.Access.Account;

public sealed record EmailMessage(string To, string Subject, string Text);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>Sends through the SMTP server in Antonio:Smtp (Host, Port, User, Password, From, EnableSsl).</summary>
public sealed class SmtpEmailSender(IConfiguration config) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var smtp = config.GetSection("Antonio:Smtp");
        using var client = new SmtpClient(smtp["Host"], smtp.GetValue("Port", 587)) { EnableSsl = smtp.GetValue("EnableSsl", true) };
        if (smtp["User"] is { Length: > 0 } user) client.Credentials = new NetworkCredential(user, smtp["Password"]);
        using var mail = new MailMessage(smtp["From"] ?? "no-reply@antonio.dev", message.To, message.Subject, message.Text);
        await client.SendMailAsync(mail, ct);
    }
}

/// <summary>Without SMTP configured (development), emails — magic links included — go to the log.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        logger.LogWarning("Email to {To}: {Subject}\n{Text}", message.To, message.Subject, message.Text);
        return Task.CompletedTask;
    }
}
