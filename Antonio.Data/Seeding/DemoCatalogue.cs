namespace Antonio.Data.Seeding;

/// <summary>
/// Which seeded workshop plays which part (free, paid, cohort, tiered), and its title and slug by index, so tests
/// and the seeder name workshops the same way.
/// </summary>
public static class DemoCatalogue
{
    public const int EssentialsFirst = 0, EssentialsLast = 2, AdvancedFirst = 3, AdvancedLast = 5;
    public const int FreeFirst = 6, UnlistedWorkshop = 9, UpcomingCohortWorkshop = 10, LiveCohortWorkshop = 11;
    /// <summary>The pages of the two cohorts that sell those workshops (<c>/cohorts/{slug}</c>).</summary>
    public const string UpcomingCohortSlug = "winter-cohort", LiveCohortSlug = "autumn-cohort";
    /// <summary>The page of the live session (<c>/live/{slug}</c>): in three days, 30 seats.</summary>
    public const string LiveSessionSlug = "typescript-office-hours";

    public static string Topic(int index) => DemoText.Topics[index % DemoText.Topics.Length];

    public static string WorkshopTitle(int index)
    {
        var round = index / DemoText.Topics.Length;
        return round == 0 ? $"{Topic(index)} in Depth" : $"{Topic(index)} in Depth, Part {round + 1}";
    }

    public static string WorkshopSlug(int index) => DemoDataBuilder.Slugify(WorkshopTitle(index));

    /// <summary>The workshops whose lessons a person wrote (the rest is generated text, for load).</summary>
    public static IReadOnlyCollection<int> Written => [.. WrittenWorkshop.All.Keys.Order()];
}
