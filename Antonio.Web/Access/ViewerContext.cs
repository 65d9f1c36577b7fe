using System.Security.Claims;

namespace Antonio.Web.Access;

/// <summary>
/// The current request's <see cref="AccessContext"/>: the signed-in user's cached snapshot, the
/// request country (a configurable header, default CF-IPCountry, falling back to Antonio:DefaultCountry)
/// and the clock. Computed once per request.
/// </summary>
public sealed class ViewerContext(IHttpContextAccessor http, IConfiguration config, TimeProvider clock, AccessReader access)
{
    private AccessContext? _current;

    public async ValueTask<AccessContext> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is not null) return _current;
        var context = http.HttpContext;
        var snapshot = UserId(context?.User) is { } userId ? await access.GetAsync(userId, ct) : null;
        return _current = new AccessContext(snapshot, CountryOf(context, config), clock.GetUtcNow());
    }

    public static Guid? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The request's country (PPP and region rules): a two-letter code from the configured header, else the default.</summary>
    public static string CountryOf(HttpContext? context, IConfiguration config)
    {
        var header = config["Antonio:CountryHeader"] ?? "CF-IPCountry";
        var value = context?.Request.Headers[header].FirstOrDefault();
        // Only a two-letter code counts; anything else (absent, "XX", hostile) falls back.
        return value is { Length: 2 } c && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1]) && c != "XX"
            ? c.ToUpperInvariant() : config["Antonio:DefaultCountry"] ?? "US";
    }
}
