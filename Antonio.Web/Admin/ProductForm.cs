using System.ComponentModel.DataAnnotations;
using Antonio.Data.Commerce;

namespace Antonio.Web.Admin;

/// <summary>A product as the admin edits it: name, type, price in dollars, what it sells, what upgrades to it.</summary>
public sealed class ProductForm : IValidatableObject
{
    [Required, StringLength(200)] public string Name { get; set; } = "";
    [Required] public string Type { get; set; } = ProductTypes.SelfPaced;
    public bool Active { get; set; } = true;
    [Required(ErrorMessage = "Enter the price.")]
    [Range(typeof(decimal), "0.01", "1000000", ErrorMessage = "Enter a price between 0.01 and 1,000,000.")]
    public decimal? UnitAmount { get; set; }
    /// <summary>The workshops it sells (content_products).</summary>
    public List<Guid> WorkshopIds { get; set; } = [];
    /// <summary>Products whose owners may upgrade to this one (upgradable_products), e.g. the parts of a bundle.</summary>
    public List<Guid> UpgradableFromIds { get; set; } = [];

    public long UnitAmountCents => (long)Math.Round((UnitAmount ?? 0) * 100m, MidpointRounding.AwayFromZero);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ProductTypes.All.Contains(Type))
            yield return new ValidationResult("Choose self-paced, cohort, membership or live.", [nameof(Type)]);
        if (UnitAmount is { } amount && decimal.Round(amount, 2) != amount)
            yield return new ValidationResult("Use at most two decimals (cents).", [nameof(UnitAmount)]);
        if (Type is ProductTypes.SelfPaced or ProductTypes.Cohort && WorkshopIds.Count == 0)
            yield return new ValidationResult("A self-paced or cohort product sells at least one workshop.", [nameof(WorkshopIds)]);
    }
}
