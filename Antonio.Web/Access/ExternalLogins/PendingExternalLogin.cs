using Antonio.Web.Access.Account;
using Microsoft.AspNetCore.DataProtection;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// A sign-in through another site that our own e-mail has to confirm first — a new account, or a login to connect to the
/// account that has the address. It travels inside the e-mailed link, signed and encrypted; nothing is stored before.
/// </summary>
/// <param name="Provider">The scheme the login is stored under; <paramref name="ProviderName"/> is what people call it ("GitHub").</param>
/// <param name="Handle">What the provider calls the account (a GitHub login), shown on the account page.</param>
public sealed record PendingExternalLogin(string Email, string? Name, string Provider, string ProviderName, string ProviderKey, string? Handle, string? ReturnUrl);

public sealed class ExternalLoginTokens(IDataProtectionProvider protection) : AccountTokens<PendingExternalLogin>(protection, "Antonio.ExternalLogin.v1");

/// <summary>The outbox kind of <see cref="ExternalLoginMail"/>.</summary>
public static class ExternalLoginMailKinds
{
    public const string Confirm = "external-login";
}
