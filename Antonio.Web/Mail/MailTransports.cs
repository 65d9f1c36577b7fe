using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Antonio.Web.Mail;

/// <summary>Hands a finished message to the world. Throws when it could not (the dispatcher retries).</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>SMTP through MailKit (System.Net.Mail.SmtpClient's own documentation advises against it for new code).</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var mail = options.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = mail.SmtpSecurity switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(mail.SmtpHost!, mail.SmtpPort, security, ct); // set: this transport is registered only with a host
        if (!string.IsNullOrEmpty(mail.SmtpUser)) await client.AuthenticateAsync(mail.SmtpUser, mail.SmtpPassword ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Development without SMTP: the message (sign-in links included) is written to the log; the outbox keeps it.</summary>
public sealed partial class LogMailTransport(ILogger<LogMailTransport> logger) : IMailTransport
{
    public Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        LogMail(logger, message.To.ToString(), message.Subject ?? "", message.TextBody);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail to {To}: {Subject}\n{Text}")]
    private static partial void LogMail(ILogger logger, string to, string subject, string? text);
}
