namespace Antonio.Web.Discovery;

/// <summary>A value of a facet, with how many of the viewer's results it has (given the other filters).</summary>
public sealed record FacetValue(string Value, string Label, int Count);

/// <summary>
/// The counts beside the results, computed from the results this viewer may see — never from a candidate they may
/// not, so a count cannot tell that locked text matched. Each facet counts under every filter but its own (choosing a
/// kind still shows how many results each other kind has).
/// </summary>
public sealed record SearchFacets(IReadOnlyList<FacetValue> Kinds, IReadOnlyList<FacetValue> Workshops, int Free, int? Mine)
{
    /// <summary>How many workshops the workshop facet lists (by count; the chosen one always).</summary>
    public const int MaxWorkshops = 8;

    internal static SearchFacets Of(IReadOnlyList<SearchHit> visible, SearchAsk ask, bool signedIn)
    {
        IEnumerable<SearchHit> Without(Facet facet) => visible.Where(v => Passes(v, ask, except: facet));
        var kinds = Without(Facet.Kind).CountBy(v => v.Kind).ToDictionary();
        var workshops = Without(Facet.Workshop).Where(v => v.Workshop is not null)
            .GroupBy(v => v.Workshop!).Select(g => new FacetValue(g.Key, g.First().WorkshopTitle!, g.Count()))
            .OrderByDescending(f => f.Value == ask.Workshop).ThenByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal)
            .Take(MaxWorkshops).ToList();
        return new SearchFacets(
            [.. SearchKinds.All.Select(k => new FacetValue(k, SearchKinds.Label(k), kinds.GetValueOrDefault(k)))],
            workshops,
            Without(Facet.Free).Count(v => v.Free),
            signedIn ? Without(Facet.Mine).Count(v => v.Mine) : null);
    }

    /// <summary>The hit passes every filter asked for (but <paramref name="except"/>).</summary>
    internal static bool Passes(SearchHit hit, SearchAsk ask, Facet except = Facet.None) =>
        (except == Facet.Kind || ask.Kind is null || hit.Kind == ask.Kind)
        && (except == Facet.Workshop || ask.Workshop is null || hit.Workshop == ask.Workshop)
        && (except == Facet.Free || !ask.Free || hit.Free)
        && (except == Facet.Mine || !ask.Mine || hit.Mine);

    internal enum Facet { None, Kind, Workshop, Free, Mine }
}
