using Microsoft.Extensions.Options;

namespace Antonio.Web.Hosting;

public sealed class SeedOptionsValidator : IValidateOptions<SeedOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedOptions options) =>
        options.Size is "default" or "large" ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Antonio:Seed:Size '{options.Size}' is not one of default, large.");
}
