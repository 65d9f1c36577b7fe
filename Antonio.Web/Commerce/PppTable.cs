using System.Globalization;

namespace Antonio.Web.Commerce;

/// <summary>A country's price level relative to the US, from the table shipped with the app.</summary>
public sealed record PppCountry(string Code, string Name, decimal? Ratio);

/// <summary>
/// The purchasing-power-parity table (Commerce/Data/ppp-ratios.csv, every ISO 3166 country): data, not
/// code, so it can be corrected without touching the pricing rules.
/// </summary>
public sealed class PppTable
{
    private readonly Dictionary<string, PppCountry> _countries;

    public PppTable(IEnumerable<PppCountry> countries) =>
        _countries = countries.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static PppTable Shipped { get; } = Load();

    public int Count => _countries.Count;

    public PppCountry? Find(string? code) => code is null ? null : _countries.GetValueOrDefault(code);

    private static PppTable Load()
    {
        using var stream = typeof(PppTable).Assembly.GetManifestResourceStream("Antonio.Web.ppp-ratios.csv")
            ?? throw new InvalidOperationException("the PPP table is not embedded");
        using var reader = new StreamReader(stream);
        var countries = new List<PppCountry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("code,", StringComparison.Ordinal) || line.Length == 0) continue;
            var parts = line.Split(',');
            decimal? ratio = decimal.TryParse(parts[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r : null;
            countries.Add(new PppCountry(parts[0], parts[1], ratio));
        }
        return new PppTable(countries);
    }
}
