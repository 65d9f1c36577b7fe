namespace Antonio.Web.Access;

/// <summary>Builds the <see cref="AccessContext"/> for the current request: who, from which country, when.</summary>
public sealed class ViewerContext(IHttpContextAccessor http, IConfiguration config, TimeProvider clock)
{
    public AccessContext Current()
    {
        var context = http.HttpContext;
        var header = config["Antonio:CountryHeader"] ?? "CF-IPCountry";
        var country = context?.Request.Headers[header].FirstOrDefault();
        // Only a two-letter code counts; anything else (absent, "XX", hostile) falls back.
        country = country is { Length: 2 } c && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1])
            ? c.ToUpperInvariant() : config["Antonio:DefaultCountry"] ?? "US";
        return new AccessContext(null, false, country, clock.GetUtcNow());
    }
}
