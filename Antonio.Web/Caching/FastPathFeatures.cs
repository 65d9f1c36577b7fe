using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Antonio.Web.Caching;

/// <summary>
/// The fast paths that roll out by share, as feature flags of Microsoft.FeatureManagement: defined from
/// <see cref="FastPathOptions"/> (one place for the settings, checked at start-up and read again on change) as a
/// targeting filter whose default rollout percentage is the share, so the library's stable hash of the viewer's id
/// decides who is in — the same viewers at 5 %, and they stay in at 25 %.
/// </summary>
public sealed class FastPathFeatures : IFeatureDefinitionProvider
{
    /// <summary>Signed-in pages from shared templates (<see cref="FastPathOptions.SharedTemplatesPercent"/>).</summary>
    public const string SharedTemplates = nameof(FastPathOptions.SharedTemplates);

    private readonly IOptionsMonitor<FastPathOptions> _options;
    private FeatureDefinition _sharedTemplates;

    public FastPathFeatures(IOptionsMonitor<FastPathOptions> options)
    {
        _options = options;
        _sharedTemplates = Define(options.CurrentValue);
        options.OnChange(changed => _sharedTemplates = Define(changed));
    }

    private static FeatureDefinition Define(FastPathOptions options) => new()
    {
        Name = SharedTemplates,
        EnabledFor =
        [
            new FeatureFilterConfiguration
            {
                Name = "Microsoft.Targeting",
                ParametersObject = new TargetingFilterSettings
                {
                    Audience = new Audience { DefaultRolloutPercentage = options.SharedTemplates ? options.SharedTemplatesPercent : 0 },
                },
            },
        ],
    };

    public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
        Task.FromResult(featureName == SharedTemplates ? _sharedTemplates : null!);

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        await Task.CompletedTask;
        yield return _sharedTemplates;
    }

    /// <summary>Whether this viewer's pages come from shared templates: all or none without asking, else the rollout decides by their user id.</summary>
    public static async ValueTask<bool> SharesTemplatesWithAsync(IFeatureManager features, FastPathOptions options, System.Security.Claims.ClaimsPrincipal viewer) =>
        options.SharedTemplates && options.SharedTemplatesPercent > 0
        && (options.SharedTemplatesPercent >= 100 || await IsInRolloutAsync(features, viewer.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? ""));

    /// <summary>Whether the shared-templates flag's rollout takes this user id (stable: the library hashes the id with the flag's name).</summary>
    public static async ValueTask<bool> IsInRolloutAsync(IFeatureManager features, string userId) =>
        await features.IsEnabledAsync(SharedTemplates, new TargetingContext { UserId = userId });
}
