using Microsoft.Extensions.Options;

namespace Antonio.Web.Learning.Cohorts;

/// <summary>Cohorts' scheduled e-mail (<c>Antonio:Cohorts</c>).</summary>
public sealed class CohortOptions
{
    public const string Section = "Antonio:Cohorts";

    /// <summary>How often every node looks for cohort workshops that have opened (<see cref="CohortOpenings"/>).</summary>
    public TimeSpan OpeningCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after an opening its "now open" e-mail may still go out (after an outage); later, nobody is told.</summary>
    public TimeSpan OpeningMailWindow { get; set; } = TimeSpan.FromDays(2);
}

public sealed class CohortOptionsValidator : IValidateOptions<CohortOptions>
{
    public ValidateOptionsResult Validate(string? name, CohortOptions options) =>
        options.OpeningCheckInterval < TimeSpan.FromSeconds(1) || options.OpeningCheckInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("Antonio:Cohorts:OpeningCheckInterval must be between 00:00:01 and 01:00:00.")
            : options.OpeningMailWindow < options.OpeningCheckInterval || options.OpeningMailWindow > TimeSpan.FromDays(30)
                ? ValidateOptionsResult.Fail("Antonio:Cohorts:OpeningMailWindow must be at least the check interval and at most 30 days.")
                : ValidateOptionsResult.Success;
}
