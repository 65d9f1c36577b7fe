using Antonio.Data.Identity;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.Account;

/// <summary>
/// Composes a requested sign-in link at delivery time: only here is it decided whether the address has
/// an account (no account, or a locked one: nothing is sent), so the request that asked cannot tell.
/// </summary>
public sealed class SignInLinkMail(UserManager<AppUser> users, MagicLinks links, MailRenderer renderer) : IMailComposer
{
    public string Kind => AccountMailKinds.SignInLink;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(message.Recipient);
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        var link = await links.CreateAsync(user, Outbox.Payload<SignInLinkRequest>(message)?.ReturnUrl);
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Your sign-in link for Antonio Workshops",
            Heading = "Sign in to Antonio Workshops",
            Intro = ["Here is the sign-in link you asked for."],
            Action = new MailAction("Sign in", link, "The link works once, for 15 minutes."),
            Outro = ["If you did not ask for it, ignore this e-mail: nothing happens without the link."],
            Secret = true,
        });
    }
}
