using Microsoft.Extensions.Options;

namespace Antonio.Web.Caching;

public sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Prefix) || options.Prefix.Any(c => char.IsWhiteSpace(c) || c == ':'))
            return ValidateOptionsResult.Fail($"Antonio:Cache:Prefix '{options.Prefix}' must be a non-empty word without spaces or ':'.");
        if (options.MaxRememberedMisses < 0)
            return ValidateOptionsResult.Fail($"Antonio:Cache:MaxRememberedMisses must be 0 or more (it is {options.MaxRememberedMisses}).");
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(options.Redis);
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"ConnectionStrings:Redis is not a valid Redis configuration: {e.Message}");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
