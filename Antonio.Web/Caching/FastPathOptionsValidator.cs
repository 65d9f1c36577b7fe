using Microsoft.Extensions.Options;

namespace Antonio.Web.Caching;

public sealed class FastPathOptionsValidator : IValidateOptions<FastPathOptions>
{
    public ValidateOptionsResult Validate(string? name, FastPathOptions options) =>
        options.SharedTemplatesPercent is < 0 or > 100
            ? ValidateOptionsResult.Fail($"Antonio:FastPaths:SharedTemplatesPercent must be 0 to 100 (it is {options.SharedTemplatesPercent}).")
            : options.AccessShadowPercent is < 0 or > 100 || double.IsNaN(options.AccessShadowPercent)
                ? ValidateOptionsResult.Fail($"Antonio:FastPaths:AccessShadowPercent must be 0 to 100 (it is {options.AccessShadowPercent}).")
                : ValidateOptionsResult.Success;
}
