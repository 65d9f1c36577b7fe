using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antonio.Web.Mail;

/// <summary>E-mail: the outbox, its dispatcher, and the transport (SMTP through MailKit, or the log).</summary>
public static class MailModule
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var mail = builder.AddSettings<MailOptions, MailOptionsValidator>(MailOptions.Section);
        var services = builder.Services;
        services.AddSingleton<Outbox>();
        services.AddScoped<MailRenderer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxWakeInterceptor>();
        if (string.IsNullOrWhiteSpace(mail.SmtpHost)) services.AddSingleton<IMailTransport, LogMailTransport>();
        else services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
