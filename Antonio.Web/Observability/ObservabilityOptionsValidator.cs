using Microsoft.Extensions.Options;

namespace Antonio.Web.Observability;

public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options) =>
        options.MetricsPort is null or (> 0 and < 65536) ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Antonio:Observability:MetricsPort {options.MetricsPort} is not a port.");
}
