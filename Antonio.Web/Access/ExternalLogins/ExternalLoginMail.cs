using Antonio.Data.Identity;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// Composed at delivery time, like the sign-up's answer: for an address that has an account, "connect this GitHub account
/// to yours?"; for a new one, "confirm your account". Either way the link is the only way forward, so nobody gets into an
/// account — or makes one — with an address they cannot read, whatever the provider said about it.
/// </summary>
public sealed class ExternalLoginMail(UserManager<AppUser> users, ExternalLoginTokens tokens, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => ExternalLoginMailKinds.Confirm;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<PendingExternalLogin>(message) is not { } pending) return null;
        var link = urls.Absolute(ExternalLoginSetup.ConfirmPath + "?token=" + Uri.EscapeDataString(tokens.Protect(pending)));
        var who = pending.Handle is { Length: > 0 } handle ? $"{pending.ProviderName} account “{handle}”" : $"{pending.ProviderName} account";
        if (await users.FindByEmailAsync(pending.Email) is not null)
            return await renderer.RenderAsync(new MailContent
            {
                Subject = $"Connect {pending.ProviderName} to your Antonio Workshops account?",
                Heading = $"Sign in with {pending.ProviderName}?",
                Intro = [$"Someone — probably you — signed in with the {who}, which uses this address. Connect it to your account to sign in with {pending.ProviderName} from now on."],
                Action = new MailAction($"Connect {pending.ProviderName} and sign in", link, "The link works for 24 hours."),
                Outro = ["If it wasn't you, ignore this e-mail: nothing is connected."],
                Secret = true,
            });
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Confirm your Antonio Workshops account",
            Heading = "Welcome to Antonio Workshops!",
            Intro = [$"Confirm your e-mail address to finish creating your account with the {who}."],
            Action = new MailAction("Confirm my account", link, "The link works for 24 hours."),
            Outro = ["If you did not sign up, ignore this e-mail: no account is created."],
            Secret = true,
        });
    }
}
