using Antonio.Data.Identity;
using Antonio.Web.Access;
using Antonio.Web.Access.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Admin;

/// <summary>
/// Who is making an admin change in an interactive page — asked before every change, because the page's circuit
/// outlives the request that checked the admin policy. The signed-in user of the circuit must still hold the admin
/// role and a current security stamp (both from the cached access snapshot, dropped by every role change and every
/// "sign out everywhere"). Otherwise the change does not happen: the page reloads, so the server's own check answers,
/// and the handler stops (a cancelled handler is no error to Blazor).
/// </summary>
public sealed class AdminActor(AuthenticationStateProvider authentication, AccessReader access, IOptions<IdentityOptions> identity, NavigationManager navigation)
{
    /// <exception cref="OperationCanceledException">The user is no longer an admin, or their sessions were ended.</exception>
    public async Task<Guid> IdAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (ViewerContext.UserId(user) is { } userId
            && await SecurityStampCheck.IsCurrentAsync(user, access, identity.Value, CancellationToken.None)
            && (await access.GetAsync(userId)).HasRole(SiteRoles.Admin))
            return userId;
        navigation.Refresh(forceReload: true);
        throw new OperationCanceledException("The admin action was refused: the user is no longer an admin.");
    }
}
