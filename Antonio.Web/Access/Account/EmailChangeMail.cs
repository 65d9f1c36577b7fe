using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;

namespace Antonio.Web.Access.Account;

/// <summary>The confirmation link for an e-mail change, to the new address (composed at delivery, from the queued request).</summary>
public sealed class EmailChangeMail(EmailChangeTokens tokens, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => AccountMailKinds.EmailChange;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<PendingEmailChange>(message) is not { } pending) return null;
        var confirm = urls.Absolute("/account/confirm-email?token=" + Uri.EscapeDataString(tokens.Protect(pending)));
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Confirm your new e-mail address for Antonio Workshops",
            Heading = "Confirm your new e-mail address",
            Intro = ["Someone — probably you — asked to use this address for an Antonio Workshops account."],
            Action = new MailAction("Confirm the new address", confirm, "The link works for 24 hours."),
            Outro = ["Until you confirm, nothing changes. If it wasn't you, ignore this e-mail."],
            Secret = true,
            PayloadIsSecret = true,
        });
    }
}

/// <summary>After a change: a notice to the old address, so the owner learns of a change they did not make.</summary>
public sealed class EmailChangedMail(SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => AccountMailKinds.EmailChanged;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<EmailChangedNotice>(message) is not { } notice) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Your Antonio Workshops e-mail address was changed",
            Heading = "Your e-mail address was changed",
            Intro = [$"The e-mail address of your Antonio Workshops account is now {notice.NewEmail}. You sign in with that address from now on."],
            Outro = [$"If you did not make this change, reply to this e-mail at once, or write to us from {urls.Base}."],
        });
    }
}
