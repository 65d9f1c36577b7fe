using System.Security.Claims;
using Antonio.Data;
using Antonio.Data.Identity;
using Antonio.Web.Caching;
using Antonio.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access.Account;

public enum SignUpOutcome { Queued, Invalid, TooMany }

public enum ConfirmOutcome { Created, AlreadyExists, Invalid }

/// <summary>
/// What the account pages do, written so that no answer tells whether an address has an account: a
/// sign-in with an unknown address verifies a password hash all the same; a sign-in link or a sign-up
/// only queues an e-mail (what it says is decided later, in the background); and each is rate-limited
/// per address (<see cref="AccountRateLimits"/>) as well as per client.
/// </summary>
public sealed class AccountService(UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher,
    IDbContextFactory<AntonioDbContext> dbFactory, Outbox outbox, RegistrationTokens tokens, AccountRateLimits limits,
    CacheInvalidator invalidator, TimeProvider clock, IdentityProof proof)
{
    private static string? _dummyHash;

    /// <summary>Password sign-in with lockout (5 failures → 15 minutes); an unknown address costs the same hash verification.</summary>
    public async Task<SignInResult> PasswordSignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            return SignInResult.Failed;
        }
        return await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
    }

    /// <summary>Queues a sign-in link for the address; false when the address asked too often.</summary>
    public async Task<bool> RequestSignInLinkAsync(string email, string? returnUrl, CancellationToken ct = default)
    {
        if (!await limits.TryAcquireAsync(AccountMailKinds.SignInLink, email)) return false;
        await QueueAsync(AccountMailKinds.SignInLink, email, new SignInLinkRequest(ReturnUrls.IsSafe(returnUrl) ? returnUrl : null), ct);
        return true;
    }

    /// <summary>Checks the password against the policy, then queues the confirmation (or "you already have an account") e-mail.</summary>
    public async Task<(SignUpOutcome Outcome, IReadOnlyList<string> Errors)> RequestSignUpAsync(RegisterInput input, string? returnUrl, CancellationToken ct = default)
    {
        var email = input.Email.Trim();
        var candidate = new AppUser { UserName = email, Email = email };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, input.Password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0) return (SignUpOutcome.Invalid, errors);
        if (!await limits.TryAcquireAsync(AccountMailKinds.Registration, email)) return (SignUpOutcome.TooMany, []);
        var pending = new PendingRegistration(email, string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            hasher.HashPassword(candidate, input.Password), ReturnUrls.IsSafe(returnUrl) ? returnUrl : null);
        await QueueAsync(AccountMailKinds.Registration, email, pending, ct);
        return (SignUpOutcome.Queued, []);
    }

    /// <summary>The confirmation link's owner creates the account (signed in by the caller). A second use finds it exists.</summary>
    public async Task<(ConfirmOutcome Outcome, AppUser? User, string? ReturnUrl)> ConfirmSignUpAsync(string? token)
    {
        if (tokens.Unprotect(token) is not { } pending) return (ConfirmOutcome.Invalid, null, null);
        if (await users.FindByEmailAsync(pending.Email) is not null) return (ConfirmOutcome.AlreadyExists, null, null);
        var user = new AppUser
        {
            UserName = pending.Email, Email = pending.Email, EmailConfirmed = true, Name = pending.Name,
            PasswordHash = pending.PasswordHash, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user); // keeps the hash; a concurrent confirmation loses on the unique e-mail
        return created.Succeeded ? (ConfirmOutcome.Created, user, pending.ReturnUrl) : (ConfirmOutcome.AlreadyExists, null, null);
    }

    /// <summary>
    /// Signs out on every device: the security stamp changes, and every request checks its cookie's
    /// stamp against the current one (through the cached access snapshot, dropped here).
    /// </summary>
    public async Task SignOutEverywhereAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await invalidator.UserChangedAsync(user.Id);
        }
        await signIn.SignOutAsync();
    }

    /// <summary>Changes (or, for a link-only account, sets) the password; other sessions end, this one continues.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(ClaimsPrincipal principal, string? current, string next)
    {
        if (await users.GetUserAsync(principal) is not { } user) return ["Sign in again to change your password."];
        // A first password is a new way in: it needs the same proof as an e-mail change (a password change checks the current one).
        if (!await users.HasPasswordAsync(user) && await proof.CheckAsync(user, principal, null) is { } refused) return [refused];
        var result = await users.HasPasswordAsync(user)
            ? await users.ChangePasswordAsync(user, current ?? "", next)
            : await users.AddPasswordAsync(user, next);
        if (!result.Succeeded)
            return result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Your current password is not right." : e.Description).ToList();
        await invalidator.UserChangedAsync(user.Id);
        await signIn.RefreshSignInAsync(user);
        return [];
    }

    public async Task<bool> HasPasswordAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) is { } user && await users.HasPasswordAsync(user);

    private async Task QueueAsync(string kind, string email, object payload, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.Add(db, kind, email, payload);
        await db.SaveChangesAsync(ct);
    }
}
