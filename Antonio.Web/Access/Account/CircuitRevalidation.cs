using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>
/// An interactive page's circuit outlives the request that opened it, and with it the cookie check every request
/// makes (<see cref="SecurityStampCheck"/>). So each circuit's user is checked again every
/// <see cref="SessionOptions.CircuitRevalidationInterval"/>:
/// once their security stamp changed (signed out everywhere, password or role changed, account deleted) the circuit
/// is signed out, and the page reloads itself and meets the server's own check (see <c>Admin/AdminNav.razor</c>).
/// Admin actions do not wait for the timer: each asks first (Admin/AdminActor.cs).
/// </summary>
internal sealed class CircuitRevalidation(ILoggerFactory logs, AccessReader access, IOptions<IdentityOptions> identity, IOptions<SessionOptions> sessions)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => sessions.Value.CircuitRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        SecurityStampCheck.IsCurrentAsync(authenticationState.User, access, identity.Value, cancellationToken);
}
