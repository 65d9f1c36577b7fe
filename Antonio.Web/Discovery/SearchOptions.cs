namespace Antonio.Web.Discovery;

/// <summary>Search (<c>Antonio:Search</c>).</summary>
public sealed class SearchOptions
{
    public const string Section = "Antonio:Search";

    /// <summary>How many queries' candidates one node keeps in memory at most (<see cref="SearchCandidates"/>).</summary>
    public int MaxCachedQueries { get; set; } = 2_000;
}

public sealed class SearchOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SearchOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SearchOptions options) =>
        options.MaxCachedQueries >= 1 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"Antonio:Search:MaxCachedQueries must be at least 1 (it is {options.MaxCachedQueries}).");
}
