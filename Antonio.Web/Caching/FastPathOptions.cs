namespace Antonio.Web.Caching;

/// <summary>
/// The fast paths (<c>Antonio:FastPaths</c>), each of which can be switched off on a running node and
/// compared with the slow one: read again whenever configuration changes (appsettings.json is watched), so
/// suspecting a cache is a setting, not a redeploy. What each one keys on and how to roll one out:
/// docs/fast-paths.md.
/// </summary>
public sealed class FastPathOptions
{
    public const string Section = "Antonio:FastPaths";

    /// <summary>Anonymous visitors share whole rendered pages (the page cache). Off: every anonymous page is rendered.</summary>
    public bool AnonymousPages { get; set; } = true;

    /// <summary>Signed-in viewers with the same access decision share one rendered template. Off: every signed-in page is rendered for its viewer.</summary>
    public bool SharedTemplates { get; set; } = true;

    /// <summary>
    /// While <see cref="SharedTemplates"/> is on, the share of signed-in viewers (0–100, the same viewers every time) whose pages
    /// come from templates: a feature flag's rollout (<see cref="FastPathFeatures"/>).
    /// </summary>
    public int SharedTemplatesPercent { get; set; } = 100;

    /// <summary>Reads go through the data cache (memory, then Redis). Off: every read asks the database (direct queries).</summary>
    public bool DataCache { get; set; } = true;

    /// <summary>The data cache's second level (Redis) is read and written. Off: each node's memory only (the backplane still carries every invalidation).</summary>
    public bool DataCacheL2 { get; set; } = true;

    /// <summary>
    /// The share (0–100) of signed-in page decisions checked again from a snapshot read straight from PostgreSQL
    /// (shadow mode, <c>Access/AccessShadow.cs</c>): 1 % by default, 100 in the tests.
    /// </summary>
    public double AccessShadowPercent { get; set; } = 1;
}
