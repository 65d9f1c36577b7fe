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
public sealed class RegistrationMail(UserManager<AppUser> users, MagicLinks links, RegistrationTokens tokens, SiteUrls urls) : IMailComposer
{
    public string Kind => AccountMailKinds.Registration;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        var pending = Outbox.Payload<PendingRegistration>(message);
        if (pending is null) return null;
        if (await users.FindByEmailAsync(pending.Email) is { } existing)
        {
            var signIn = await links.CreateAsync(existing, pending.ReturnUrl);
            return new ComposedMail("You already have an Antonio Workshops account",
                $"Someone — probably you — tried to create an account with this address, but it already has one.\n\nSign in with this link (valid for 15 minutes, once):\n\n{signIn}\n\nForgot your password? The link signs you in without it.\nIf it wasn't you, ignore this e-mail: nothing has changed.",
                Secret: true);
        }
        var confirm = urls.Absolute("/account/confirm?token=" + Uri.EscapeDataString(tokens.Protect(pending)));
        return new ComposedMail("Confirm your Antonio Workshops account",
            $"Welcome to Antonio Workshops!\n\nConfirm your e-mail address to finish creating your account (the link works for 24 hours):\n\n{confirm}\n\nIf you did not sign up, ignore this e-mail: no account is created.",
            Secret: true);
    }
}
