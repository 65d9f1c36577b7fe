namespace Antonio.Web.Hosting;

/// <summary>Demo data (<c>Antonio:Seed</c>): written into an empty database at start-up when asked.</summary>
public sealed class SeedOptions
{
    public const string Section = "Antonio:Seed";

    public bool Demo { get; set; }

    /// <summary><c>default</c> (12 workshops) or <c>large</c> (100 workshops, 50k users, 100k purchases).</summary>
    public string Size { get; set; } = "default";

    /// <summary>The clock the data is built against (tests pin it); default: today, UTC midnight.</summary>
    public DateTimeOffset? Now { get; set; }
}
