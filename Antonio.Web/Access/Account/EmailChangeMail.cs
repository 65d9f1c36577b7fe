using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;

namespace Antonio.Web.Access.Account;

/// <summary>The confirmation link for an e-mail change, to the new address (composed at delivery, from the queued request).</summary>
public sealed class EmailChangeMail(EmailChangeTokens tokens, SiteUrls urls) : IMailComposer
{
    public string Kind => AccountMailKinds.EmailChange;

    public Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<PendingEmailChange>(message) is not { } pending) return Task.FromResult<ComposedMail?>(null);
        var confirm = urls.Absolute("/account/confirm-email?token=" + Uri.EscapeDataString(tokens.Protect(pending)));
        return Task.FromResult<ComposedMail?>(new ComposedMail("Confirm your new e-mail address for Antonio Workshops",
            $"Someone — probably you — asked to use this address for an Antonio Workshops account.\n\nConfirm it with this link (valid for 24 hours):\n\n{confirm}\n\nUntil you do, nothing changes. If it wasn't you, ignore this e-mail.",
            Secret: true));
    }
}

/// <summary>After a change: a notice to the old address, so the owner learns of a change they did not make.</summary>
public sealed class EmailChangedMail(SiteUrls urls) : IMailComposer
{
    public string Kind => AccountMailKinds.EmailChanged;

    public Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        var notice = Outbox.Payload<EmailChangedNotice>(message);
        return Task.FromResult<ComposedMail?>(new ComposedMail("Your Antonio Workshops e-mail address was changed",
            $"The e-mail address of your Antonio Workshops account was changed to {notice?.NewEmail}. You now sign in with that address.\n\nIf you did not make this change, reply to this e-mail or contact support at once: {urls.Absolute("/")}"));
    }
}
