using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Mail;

/// <summary>E-mail: the outbox, its dispatcher, and the transport (SMTP through MailKit, or the log).</summary>
public static class MailModule
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IInterceptor, OutboxWakeInterceptor>();
        services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.SmtpHost)
            ? ActivatorUtilities.CreateInstance<LogMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
