namespace Antonio.Data.Commerce;

public class Product
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>self-paced | cohort | membership | live (see <see cref="ProductTypes"/>).</summary>
    public string Type { get; set; } = ProductTypes.SelfPaced;
    /// <summary>1 = active, 0 = archived.</summary>
    public int Status { get; set; } = 1;
    /// <summary>A cohort's address (<c>/cohorts/{slug}</c>); null: no page of its own.</summary>
    public string? Slug { get; set; }
    /// <summary>What the cohort page says about it (Markdown, as a workshop's description).</summary>
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}

public static class ProductTypes
{
    public const string SelfPaced = "self-paced";
    public const string Cohort = "cohort";
    public const string Membership = "membership";
    public const string Live = "live";

    public static readonly IReadOnlyList<string> All = [SelfPaced, Cohort, Membership, Live];
}

public class Price
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public long UnitAmountCents { get; set; }
    public string Currency { get; set; } = "usd";
    public int Status { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Which workshops (or other resources) a product sells.</summary>
public class ContentProduct
{
    public Guid ProductId { get; set; }
    public Guid ResourceId { get; set; }
    public double Position { get; set; }
}

/// <summary>Owners of <see cref="UpgradableFromId"/> may upgrade to <see cref="UpgradableToId"/> (a bundle).</summary>
public class UpgradableProduct
{
    public Guid UpgradableFromId { get; set; }
    public Guid UpgradableToId { get; set; }
}
