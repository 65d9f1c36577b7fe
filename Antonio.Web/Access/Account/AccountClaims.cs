using System.Security.Claims;
using Antonio.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>
/// The sign-in cookie also carries the learner's display name (pages greet them and warn when certificates
/// would have no name to print) without a query; a name change refreshes the cookie.
/// </summary>
public sealed class AccountClaims(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    public const string DisplayName = "antonio:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.Name)) identity.AddClaim(new Claim(DisplayName, user.Name));
        return identity;
    }
}
