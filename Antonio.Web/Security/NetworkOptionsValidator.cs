using System.Net;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>Every trusted proxy parses as an address or network; the default country is two letters; the header is a header name.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var errors = new List<string>();
        foreach (var entry in options.TrustedProxies.Where(e => !string.IsNullOrWhiteSpace(e)))
            if (TrustedProxies.Parse(entry) is null)
                errors.Add($"Antonio:Network:TrustedProxies entry '{entry}' is neither an IP address nor a CIDR network (e.g. 10.0.0.0/8).");
        if (options.DefaultCountry is not { Length: 2 } c || !c.All(char.IsAsciiLetterUpper))
            errors.Add($"Antonio:Network:DefaultCountry '{options.DefaultCountry}' is not a two-letter upper-case country code.");
        if (string.IsNullOrWhiteSpace(options.CountryHeader) || !options.CountryHeader.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
            errors.Add($"Antonio:Network:CountryHeader '{options.CountryHeader}' is not a header name.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
