namespace Antonio.Web.Access.Account;

/// <summary>The outbox kinds the account pages queue, and what each carries.</summary>
public static class AccountMailKinds
{
    public const string SignInLink = "sign-in-link";
    public const string Registration = "registration";
    /// <summary>To the new address: the link that confirms an e-mail change.</summary>
    public const string EmailChange = "email-change";
    /// <summary>To the old address, once the change is confirmed: a security notice.</summary>
    public const string EmailChanged = "email-changed";
}

/// <summary>
/// An e-mail change waiting for the new address to confirm it. The security stamp it was asked under must
/// still be the account's: a password change, "sign out everywhere" or the change itself voids it.
/// </summary>
public sealed record PendingEmailChange(Guid UserId, string NewEmail, string SecurityStamp);

public sealed record EmailChangedNotice(string NewEmail);

public sealed record SignInLinkRequest(string? ReturnUrl);

/// <summary>A sign-up waiting for its e-mail to be confirmed. The password is only ever carried as its hash.</summary>
public sealed record PendingRegistration(string Email, string? Name, string PasswordHash, string? ReturnUrl);
