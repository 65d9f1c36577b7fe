namespace Antonio.Web.Security;

/// <summary>The proxies in front of the app and what the app may believe from them (<c>Antonio:Network</c>).</summary>
public sealed class NetworkOptions
{
    public const string Section = "Antonio:Network";

    /// <summary>
    /// Addresses or CIDR networks of the reverse proxies / load balancers in front of the app
    /// (e.g. "10.0.0.0/8", "127.0.0.1"). Only a request whose connection comes from one of them has its
    /// X-Forwarded-For / X-Forwarded-Proto and its country header believed. Empty (the default): none.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The header a trusted proxy sets to the visitor's country (Cloudflare: CF-IPCountry).</summary>
    public string CountryHeader { get; set; } = "CF-IPCountry";

    /// <summary>The country of a request that names none (or came from an untrusted address): ISO 3166 alpha-2.</summary>
    public string DefaultCountry { get; set; } = "US";
}
