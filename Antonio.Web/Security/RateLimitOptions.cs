namespace Antonio.Web.Security;

/// <summary>How often a client, or an e-mail address, may use the forms that cost us (<c>Antonio:RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Antonio:RateLimits";

    /// <summary>Sign-in, sign-up and sign-in-link form posts per client address per minute (all three together).</summary>
    public int AccountPostsPerClientPerMinute { get; set; } = 10;

    /// <summary>Sign-in links per e-mail address per 15 minutes, whoever asks.</summary>
    public int SignInLinksPerAddress { get; set; } = 3;

    /// <summary>Sign-ups per e-mail address per hour, whoever asks.</summary>
    public int SignUpsPerAddress { get; set; } = 3;

    /// <summary>Real-user-metrics beacons per client address per minute.</summary>
    public int RumPostsPerClientPerMinute { get; set; } = 60;

    /// <summary>Searches per client address per minute (a search a cache has not seen costs a database query).</summary>
    public int SearchesPerClientPerMinute { get; set; } = 60;

    /// <summary>Video position reports per signed-in learner per minute (a player sends one about every 10 s).</summary>
    public int PositionReportsPerLearnerPerMinute { get; set; } = 30;
}
