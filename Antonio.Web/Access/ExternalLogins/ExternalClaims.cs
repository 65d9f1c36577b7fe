namespace Antonio.Web.Access.ExternalLogins;

/// <summary>Claim types the external sign-ins share.</summary>
public static class ExternalClaims
{
    /// <summary>"true" when the provider says it verified the address (OpenID Connect's own name for it).</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>What the provider calls the account (a GitHub login, an OpenID Connect preferred_username), shown on the account page.</summary>
    public const string Handle = "antonio:handle";
}
