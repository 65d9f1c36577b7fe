namespace Antonio.Data.Seeding;

/// <summary>Sizes and seed of the demo data. Same options → same rows (ids, text, timestamps).</summary>
public sealed record DemoSeedOptions
{
    public int Seed { get; init; } = 20261125;
    public int Workshops { get; init; } = 12;
    /// <summary>Filler learners on top of the named demo accounts.</summary>
    public int Learners { get; init; } = 300;
    /// <summary>Filler purchases spread over the filler learners.</summary>
    public int Purchases { get; init; } = 400;
    /// <summary>The clock the data is relative to (cohort start dates, expiries). Fix it for determinism.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static DemoSeedOptions Default(DateTimeOffset now) => new() { Now = now };

    /// <summary>The benchmark size: ≥ 100 workshops, ≥ 50k users, ≥ 100k purchases.</summary>
    public static DemoSeedOptions Large(DateTimeOffset now) =>
        new() { Now = now, Workshops = 100, Learners = 50_000, Purchases = 100_000 };

    public static DemoSeedOptions FromName(string? size, DateTimeOffset now) =>
        string.Equals(size, "large", StringComparison.OrdinalIgnoreCase) ? Large(now) : Default(now);
}
