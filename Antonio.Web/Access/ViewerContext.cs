using System.Security.Claims;
using Antonio.Web.Security;

namespace Antonio.Web.Access;

/// <summary>
/// The current request's <see cref="AccessContext"/>: the signed-in user's cached snapshot, the
/// request country (<see cref="RequestCountry"/>: a trusted proxy's header, else the default) and the
/// clock. Computed once per request.
/// </summary>
public sealed class ViewerContext(IHttpContextAccessor http, RequestCountry country, TimeProvider clock, AccessReader access)
{
    private AccessContext? _current;

    public async ValueTask<AccessContext> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is not null) return _current;
        var context = http.HttpContext;
        var snapshot = UserId(context?.User) is { } userId ? await access.GetAsync(userId, ct) : null;
        return _current = new AccessContext(snapshot, country.Of(context), clock.GetUtcNow());
    }

    public static Guid? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
