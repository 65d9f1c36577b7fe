using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// The visitor's country (PPP prices, region-restricted purchases): the country header set by a trusted
/// proxy, else the configured default. A header from any other client is ignored — anyone can send
/// "CF-IPCountry: IN" to ask for India's price.
/// </summary>
public sealed class RequestCountry(IOptions<NetworkOptions> options)
{
    public string Of(HttpContext? context)
    {
        var network = options.Value;
        if (!ProxiedRequest.IsTrusted(context)) return network.DefaultCountry;
        var value = context!.Request.Headers[network.CountryHeader].FirstOrDefault();
        // Only a two-letter code counts; anything else (absent, "XX" = unknown, hostile) falls back.
        return value is { Length: 2 } c && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1]) && !c.Equals("XX", StringComparison.OrdinalIgnoreCase)
            ? c.ToUpperInvariant() : network.DefaultCountry;
    }
}
