using Antonio.Data.Identity;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Composes the answer to a sign-up at delivery time: a confirmation link for a new address, or — when
/// the address already has an account — a note saying so with a sign-in link. The sign-up page said
/// "check your e-mail" either way.
/// </summary>
public sealed class RegistrationMail(UserManager<AppUser> users, MagicLinks links, RegistrationTokens tokens, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => AccountMailKinds.Registration;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        var pending = Outbox.Payload<PendingRegistration>(message);
        if (pending is null) return null;
        if (await users.FindByEmailAsync(pending.Email) is { } existing)
        {
            var signIn = await links.CreateAsync(existing, pending.ReturnUrl);
            return await renderer.RenderAsync(new MailContent
            {
                Subject = "You already have an Antonio Workshops account",
                Heading = "You already have an account",
                Intro = ["Someone — probably you — tried to create an account with this address, but it already has one."],
                Action = new MailAction("Sign in", signIn, "The link works once, for 15 minutes. Forgot your password? The link signs you in without it."),
                Outro = ["If it wasn't you, ignore this e-mail: nothing has changed."],
                Secret = true,
                PayloadIsSecret = true,
            });
        }
        var confirm = urls.Absolute("/account/confirm?token=" + Uri.EscapeDataString(tokens.Protect(pending)));
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Confirm your Antonio Workshops account",
            Heading = "Welcome to Antonio Workshops!",
            Intro = ["Confirm your e-mail address to finish creating your account."],
            Action = new MailAction("Confirm my account", confirm, "The link works for 24 hours."),
            Outro = ["If you did not sign up, ignore this e-mail: no account is created."],
            Secret = true,
            PayloadIsSecret = true,
        });
    }
}
