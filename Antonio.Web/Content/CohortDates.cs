using System.Globalization;
using Antonio.Data.Content;

namespace Antonio.Web.Content;

/// <summary>What a welcome e-mail says about a cohort that has not opened yet: when each of its workshops opens.</summary>
public static class CohortDates
{
    public static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("MMMM d, yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>What a welcome says the purchase opens: the dates still to come, or that every workshop is open now.</summary>
    public static string WhatOpens(IReadOnlyList<ProductWorkshop> workshops, DateTimeOffset now) =>
        Upcoming(workshops, now) ?? $"You now have access to {string.Join(", ", workshops.Select(w => w.Title))}.";

    /// <returns>Null when every workshop is open already (or none has a start).</returns>
    public static string? Upcoming(IEnumerable<ProductWorkshop> workshops, DateTimeOffset now)
    {
        var pending = workshops.Where(w => w.StartsAt > now).OrderBy(w => w.StartsAt).ToList();
        return pending.Count == 0
            ? null
            : string.Join(" ", pending.Select(w => $"{w.Title} opens on {Format(w.StartsAt!.Value)}.")) + " We'll e-mail you when it does.";
    }
}
