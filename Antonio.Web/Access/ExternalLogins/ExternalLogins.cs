using System.Security.Claims;
using Antonio.Data;
using Antonio.Data.Identity;
using Antonio.Web.Access.Account;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.ExternalLogins;

public enum ExternalReturn { SignedIn, LockedOut, Confirm, NoVerifiedEmail, Connected, TakenElsewhere, Failed }

public enum ExternalConfirm { SignedIn, Used, Invalid }

/// <summary>
/// What happens when a browser comes back from another site's sign-in (GitHub, <see cref="ExternalLoginSetup"/>). A login
/// already connected signs its account in. Anything else — a new account, or the account that has the provider's address —
/// waits for our own e-mail to that address to be followed (<see cref="ExternalLoginMail"/>), and is refused outright when
/// the provider has not verified the address. A signed-in user connects a login from the account page after the same
/// proof a new password needs (<see cref="IdentityProof"/>); disconnecting one ends the account's other sessions.
/// </summary>
public sealed class ExternalLogins(SignInManager<AppUser> signIn, UserManager<AppUser> users, ExternalLoginTokens tokens, AccountRateLimits limits,
    IDbContextFactory<AntonioDbContext> dbFactory, Outbox outbox, CacheInvalidator invalidator, IdentityProof proof, IDataProtectionProvider protection,
    TimeProvider clock)
{
    /// <summary>What the provider told us, as the return page shows it.</summary>
    public sealed record Arrival(ExternalReturn Outcome, string Provider, string? Email = null);

    /// <summary>The authentication property a challenge started from the account page carries: the account the login is for.</summary>
    public const string ConnectToItem = "antonio:connect-to";

    private ITimeLimitedDataProtector ConnectTickets => protection.CreateProtector("Antonio.ExternalLogin.Connect.v1").ToTimeLimitedDataProtector();

    /// <summary>The schemes a user may sign in with here (none until one is configured).</summary>
    public async Task<IReadOnlyList<AuthenticationScheme>> SchemesAsync() => [.. await signIn.GetExternalAuthenticationSchemesAsync()];

    /// <summary>The authentication properties of a sign-in challenge that returns to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public AuthenticationProperties SignInChallenge(string scheme, string? returnUrl) =>
        signIn.ConfigureExternalAuthenticationProperties(scheme,
            ExternalLoginSetup.ReturnPath + (ReturnUrls.IsSafe(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""));

    /// <summary>
    /// After the proof (a password, or a recent e-mailed-link sign-in): a ticket, good for two minutes, that lets this user
    /// start connecting a login. Null with a message when the proof is missing.
    /// </summary>
    public async Task<(string? Ticket, string? Refused)> ConnectTicketAsync(ClaimsPrincipal principal, string scheme, string? password)
    {
        if (await users.GetUserAsync(principal) is not { } user) return (null, "Sign in again to connect an account.");
        if (await proof.CheckAsync(user, principal, password) is { } refused) return (null, refused);
        return (ConnectTickets.Protect($"{user.Id:N}|{scheme}", TimeSpan.FromMinutes(2)), null);
    }

    /// <summary>The challenge's properties for a valid ticket of the signed-in user, or null.</summary>
    public AuthenticationProperties? ConnectChallenge(ClaimsPrincipal principal, string scheme, string? ticket)
    {
        if (ViewerContext.UserId(principal) is not { } userId || string.IsNullOrEmpty(ticket) || ticket.Length > 1024) return null;
        try
        {
            if (ConnectTickets.Unprotect(ticket) != $"{userId:N}|{scheme}") return null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var properties = signIn.ConfigureExternalAuthenticationProperties(scheme, ExternalLoginSetup.ReturnPath);
        properties.Items[ConnectToItem] = userId.ToString("N");
        return properties;
    }

    /// <summary>The browser is back from the provider: sign in, connect, or say what has to happen first.</summary>
    public async Task<Arrival> ArriveAsync(ClaimsPrincipal current)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info) return new(ExternalReturn.Failed, "");
        var provider = info.ProviderDisplayName ?? info.LoginProvider;
        if (info.AuthenticationProperties?.Items.TryGetValue(ConnectToItem, out var connectTo) == true)
            return new(await ConnectAsync(current, connectTo ?? "", info), provider);

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: true, bypassTwoFactor: true);
        if (result.Succeeded || result.IsLockedOut)
        {
            await EndExternalAsync();
            return new(result.Succeeded ? ExternalReturn.SignedIn : ExternalReturn.LockedOut, provider);
        }
        if (VerifiedEmail(info.Principal) is not { } email)
        {
            await EndExternalAsync();
            return new(ExternalReturn.NoVerifiedEmail, provider);
        }
        return new(ExternalReturn.Confirm, provider, email);
    }

    /// <summary>The user agreed to go on: the e-mail that confirms it is queued (rate-limited per address). False when it asked too often.</summary>
    public async Task<bool> RequestConfirmationAsync(string? returnUrl, CancellationToken ct = default)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info || VerifiedEmail(info.Principal) is not { } email) return true;
        await EndExternalAsync();
        if (!await limits.TryAcquireAsync(AccountMailKinds.Registration, email)) return false;
        var name = info.Principal.FindFirstValue(ClaimTypes.Name);
        var pending = new PendingExternalLogin(email, string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(200, name.Trim().Length)],
            info.LoginProvider, info.ProviderDisplayName ?? info.LoginProvider, info.ProviderKey, info.Principal.FindFirstValue(ExternalClaims.Handle) ?? name, ReturnUrls.IsSafe(returnUrl) ? returnUrl : null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.Add(db, ExternalLoginMailKinds.Confirm, email, pending);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The e-mailed link was followed: the login is connected to the address's account, made now if there is none, and
    /// that account signed in. A link whose login is already connected signs nobody in (it was used).
    /// </summary>
    public async Task<(ExternalConfirm Outcome, string? ReturnUrl)> ConfirmAsync(string? token)
    {
        if (tokens.Unprotect(token) is not { } pending) return (ExternalConfirm.Invalid, null);
        if (await users.FindByLoginAsync(pending.Provider, pending.ProviderKey) is not null) return (ExternalConfirm.Used, null);
        var user = await users.FindByEmailAsync(pending.Email);
        if (user is null)
        {
            user = new AppUser
            {
                UserName = pending.Email, Email = pending.Email, EmailConfirmed = true, Name = pending.Name,
                CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
            };
            if (!(await users.CreateAsync(user)).Succeeded) return (ExternalConfirm.Used, null); // a concurrent confirmation made it
        }
        // The login's key is the table's primary key: a second, concurrent use fails here.
        if (!(await users.AddLoginAsync(user, new UserLoginInfo(pending.Provider, pending.ProviderKey, pending.Handle))).Succeeded)
            return (ExternalConfirm.Used, null);
        // Through the inbox just now: proof enough for a change that could take the account over, as a sign-in link is.
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, [proof.Claim()]);
        return (ExternalConfirm.SignedIn, pending.ReturnUrl);
    }

    public async Task<IReadOnlyList<UserLoginInfo>> ConnectedAsync(AppUser user) => [.. await users.GetLoginsAsync(user)];

    /// <summary>Disconnects a login; the account's other sessions end (as after a password change), this one goes on.</summary>
    public async Task<IReadOnlyList<string>> DisconnectAsync(ClaimsPrincipal principal, string provider, string key)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ["Sign in again to change your sign-in methods."];
        if (!(await users.RemoveLoginAsync(user, provider, key)).Succeeded) return ["That account is not connected."];
        await invalidator.UserChangedAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        return [];
    }

    private async Task<ExternalReturn> ConnectAsync(ClaimsPrincipal current, string connectTo, ExternalLoginInfo info)
    {
        await EndExternalAsync();
        // The login goes to the account that started it, and only while that account is the one signed in here.
        if (ViewerContext.UserId(current) is not { } userId || userId.ToString("N") != connectTo || await users.GetUserAsync(current) is not { } user)
            return ExternalReturn.Failed;
        if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } owner)
            return owner.Id == user.Id ? ExternalReturn.Connected : ExternalReturn.TakenElsewhere;
        var handle = info.Principal.FindFirstValue(ExternalClaims.Handle) ?? info.Principal.FindFirstValue(ClaimTypes.Name);
        return (await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, handle))).Succeeded
            ? ExternalReturn.Connected
            : ExternalReturn.TakenElsewhere;
    }

    private static string? VerifiedEmail(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.Email) is { Length: > 0 and <= 256 } email && string.Equals(principal.FindFirstValue(ExternalClaims.EmailVerified), "true", StringComparison.OrdinalIgnoreCase)
            && System.Net.Mail.MailAddress.TryCreate(email, out _)
            ? email.Trim()
            : null;

    private Task EndExternalAsync() => signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
}
