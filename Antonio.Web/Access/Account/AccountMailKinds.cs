namespace Antonio.Web.Access.Account;

/// <summary>The outbox kinds the account pages queue, and what each carries.</summary>
public static class AccountMailKinds
{
    public const string SignInLink = "sign-in-link";
    public const string Registration = "registration";
}

public sealed record SignInLinkRequest(string? ReturnUrl);

/// <summary>A sign-up waiting for its e-mail to be confirmed. The password is only ever carried as its hash.</summary>
public sealed record PendingRegistration(string Email, string? Name, string PasswordHash, string? ReturnUrl);
