using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        void Positive(int value, string key) { if (value < 1) errors.Add($"Antonio:RateLimits:{key} must be at least 1 (it is {value})."); }
        Positive(options.AccountPostsPerClientPerMinute, nameof(options.AccountPostsPerClientPerMinute));
        Positive(options.SignInLinksPerAddress, nameof(options.SignInLinksPerAddress));
        Positive(options.SignUpsPerAddress, nameof(options.SignUpsPerAddress));
        Positive(options.RumPostsPerClientPerMinute, nameof(options.RumPostsPerClientPerMinute));
        Positive(options.SearchesPerClientPerMinute, nameof(options.SearchesPerClientPerMinute));
        Positive(options.PositionReportsPerLearnerPerMinute, nameof(options.PositionReportsPerLearnerPerMinute));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
