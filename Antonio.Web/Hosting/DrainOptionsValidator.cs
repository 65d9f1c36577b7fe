using Microsoft.Extensions.Options;

namespace Antonio.Web.Hosting;

public sealed class DrainOptionsValidator : IValidateOptions<DrainOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, DrainOptions options)
    {
        var failures = new List<string>();
        if (options.NotReadyFor < TimeSpan.Zero || options.NotReadyFor > Longest)
            failures.Add($"{DrainOptions.Section}:NotReadyFor must be between 0 and {Longest} (it is {options.NotReadyFor}).");
        if (options.FinishWithin <= TimeSpan.Zero || options.FinishWithin > Longest)
            failures.Add($"{DrainOptions.Section}:FinishWithin must be more than 0 and at most {Longest} (it is {options.FinishWithin}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
