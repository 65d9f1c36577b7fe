using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Web.Commerce;

namespace Antonio.Tests.Unit;

/// <summary>The pricing rules (Antonio.Web/Commerce/PricingEngine.cs), each with its boundaries. Expected figures are written out.</summary>
[Trait("Category", "Unit")]
public sealed class PricingEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid P = Guid.NewGuid(), Other = Guid.NewGuid(), PartA = Guid.NewGuid(), PartB = Guid.NewGuid();

    private static PricingProduct Product(long cents = 10_000, params UpgradePart[] parts) =>
        new() { ProductId = P, Name = "P", Type = ProductTypes.SelfPaced, Status = 1, UnitAmountCents = cents, UpgradableFrom = parts };

    private static CouponData Percent(decimal pct, bool isDefault = false, Guid? restricted = null, DateTimeOffset? expires = null,
        int max = -1, int used = 0, int status = 1, string? code = null) =>
        new()
        {
            Id = Guid.NewGuid(), Code = code, PercentageDiscount = pct, IsDefault = isDefault, RestrictedToProductId = restricted,
            ExpiresAt = expires, MaxUses = max, UsedCount = used, Status = status
        };

    private static CouponData Amount(long cents, string code = "FLAT") =>
        new() { Id = Guid.NewGuid(), Code = code, AmountDiscountCents = cents, Status = 1, MaxUses = -1 };

    private static SnapshotPurchase Bought(Guid product, string status = PurchaseStatus.Valid, long paid = 10_000, Guid? from = null, Guid? id = null) =>
        new() { Id = id ?? Guid.NewGuid(), ProductId = product, Status = status, TotalAmountCents = paid, UpgradedFromId = from };

    private static Quote Price(PricingProduct? product = null, int quantity = 1, CouponData? code = null, string? requested = null,
        CouponData[]? site = null, string? country = "US", SnapshotPurchase[]? purchases = null, int seats = 0) =>
        PricingEngine.Price(new PricingInput
        {
            Product = product ?? Product(), Quantity = quantity, CodeCoupon = code, RequestedCode = requested ?? code?.Code ?? (code is null ? null : "CODE"),
            SiteCoupons = site ?? [], Country = country, Purchases = purchases ?? [], SeatsAlreadyBought = seats, Now = Now,
        });

    // ---- bulk tiers and their edges ------------------------------------------------------------

    [Theory]
    [InlineData(1, 0), InlineData(4, 0), InlineData(5, 0.05), InlineData(9, 0.05), InlineData(10, 0.10), InlineData(29, 0.10),
     InlineData(30, 0.15), InlineData(49, 0.15), InlineData(50, 0.25), InlineData(79, 0.25), InlineData(80, 0.35),
     InlineData(99, 0.35), InlineData(100, 0.45), InlineData(500, 0.45)]
    public void Bulk_tier_edges(int seats, double expected) => Assert.Equal((decimal)expected, PricingEngine.BulkTier(seats));

    [Theory]
    [InlineData(2, 20_000, 20_000), InlineData(4, 40_000, 40_000), InlineData(5, 50_000, 47_500), InlineData(10, 100_000, 90_000),
     InlineData(30, 300_000, 255_000), InlineData(100, 1_000_000, 550_000)]
    public void Team_purchases_price_by_tier(int quantity, long full, long final)
    {
        var q = Price(quantity: quantity);
        Assert.Equal(full, q.FullCents);
        Assert.Equal(final, q.FinalCents);
        Assert.True(q.IsBulk);
    }

    [Fact]
    public void Seats_already_bought_count_towards_the_tier()
    {
        var q = Price(quantity: 2, seats: 8);
        Assert.Equal(CouponKinds.Bulk, q.CouponKind);
        Assert.Equal(0.10m, q.BulkPercent);
        Assert.Equal(18_000, q.FinalCents);
    }

    [Fact]
    public void Bulk_applies_only_when_it_beats_the_special_coupon()
    {
        var q = Price(quantity: 5, site: [Percent(0.20m, isDefault: true)]);
        Assert.Equal(CouponKinds.Percentage, q.CouponKind);
        Assert.Equal(40_000, q.FinalCents);
        var q2 = Price(quantity: 100, site: [Percent(0.20m, isDefault: true)]);
        Assert.Equal(CouponKinds.Bulk, q2.CouponKind);
        Assert.Equal(550_000, q2.FinalCents);
    }

    [Fact]
    public void No_upgrade_discount_on_bulk() =>
        Assert.Null(Price(Product(10_000, new UpgradePart(PartA, "A", 4_000)), quantity: 5, purchases: [Bought(PartA)]).Upgrade);

    // ---- PPP ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(0.25, 0.75), InlineData(0.10, 0.75), InlineData(0.30, 0.70), InlineData(0.60, 0.40), InlineData(0.61, 0.40),
     InlineData(0.62, 0.40), InlineData(0.63, 0.35 /* below minimum */), InlineData(0.65, 0.35), InlineData(0.38, 0.60),
     InlineData(0.37, 0.65), InlineData(0.375, 0.65), InlineData(1.0, 0), InlineData(1.2, 0)]
    public void Ppp_discount_rounds_to_005_with_a_floor_of_040_and_a_cap_of_075(double ratio, double rounded)
    {
        var discount = PricingEngine.PppDiscount((decimal)ratio);
        if (rounded < 0.40) Assert.Null(discount);
        else Assert.Equal((decimal)rounded, discount);
    }

    [Fact]
    public void Ppp_without_a_ratio_gives_nothing() => Assert.Null(PricingEngine.PppDiscount(null));

    [Fact]
    public void Ppp_is_auto_applied_for_a_country_with_low_prices()
    {
        var q = Price(country: "IN");
        Assert.Equal(CouponKinds.Ppp, q.CouponKind);
        Assert.Equal(0.75m, q.AppliedPercent);
        Assert.Equal(2_500, q.FinalCents);
        Assert.True(q.Ppp!.Applied);
        Assert.Equal("India", q.Ppp.CountryName);
    }

    [Theory]
    [InlineData("US"), InlineData("CH"), InlineData("DE"), InlineData("ZZ"), InlineData(null), InlineData("AQ")]
    public void Ppp_is_not_offered_for_high_price_or_unknown_countries(string? country)
    {
        var q = Price(country: country);
        Assert.Null(q.Ppp);
        Assert.Equal(10_000, q.FinalCents);
    }

    [Fact]
    public void Ppp_is_refused_for_quantity_2() => Assert.Null(Price(quantity: 2, country: "IN").Ppp);

    [Fact]
    public void Ppp_is_refused_to_a_user_with_a_valid_purchase() => Assert.Null(Price(country: "IN", purchases: [Bought(Other)]).Ppp);

    [Fact]
    public void Ppp_is_allowed_to_a_user_whose_purchases_are_not_valid()
    {
        var q = Price(country: "IN", purchases: [Bought(Other, PurchaseStatus.Refunded)]);
        Assert.Equal(CouponKinds.Ppp, q.CouponKind);
    }

    [Fact]
    public void Ppp_must_beat_the_special_coupon()
    {
        // Brazil: 45% off; an 80% sale beats it.
        var q = Price(country: "BR", site: [Percent(0.80m, isDefault: true)]);
        Assert.Equal(CouponKinds.Percentage, q.CouponKind);
        Assert.Equal(2_000, q.FinalCents);
        Assert.False(q.Ppp!.Applied);
        var q2 = Price(country: "BR", site: [Percent(0.20m, isDefault: true)]);
        Assert.Equal(CouponKinds.Ppp, q2.CouponKind);
        Assert.Equal(5_500, q2.FinalCents);
    }

    [Fact]
    public void Ppp_is_not_auto_applied_when_the_user_chose_a_percentage_coupon()
    {
        var q = Price(country: "IN", code: Percent(0.10m, code: "SAVE10"));
        Assert.Equal(CouponKinds.Percentage, q.CouponKind);
        Assert.Equal(9_000, q.FinalCents);
        Assert.NotNull(q.Ppp);
        Assert.False(q.Ppp.Applied);
    }

    [Fact]
    public void Ppp_is_auto_applied_over_a_chosen_amount_coupon_when_it_beats_it()
    {
        var q = Price(country: "IN", code: Amount(1_000));
        Assert.Equal(CouponKinds.Ppp, q.CouponKind);
        Assert.Equal(2_500, q.FinalCents);
    }

    [Fact]
    public void Ppp_comes_before_bulk_and_special_in_the_choice_order()
    {
        var q = Price(country: "IN", site: [Percent(0.50m, isDefault: true)]);
        Assert.Equal(CouponKinds.Ppp, q.CouponKind);
    }

    // ---- coupons -----------------------------------------------------------------------------

    [Fact]
    public void Percentage_coupon_multiplies() => Assert.Equal(8_000, Price(code: Percent(0.20m, code: "X")).FinalCents);

    [Fact]
    public void Amount_coupon_subtracts() => Assert.Equal(7_500, Price(code: Amount(2_500)).FinalCents);

    [Fact]
    public void Amount_coupon_larger_than_the_price_floors_at_zero()
    {
        var q = Price(code: Amount(50_000));
        Assert.Equal(0, q.FinalCents);
        Assert.Equal(CouponKinds.Fixed, q.CouponKind);
    }

    [Fact]
    public void Hundred_percent_coupon_is_free() => Assert.Equal(0, Price(code: Percent(1m, code: "FREE")).FinalCents);

    [Theory]
    [InlineData(9_999, 0.15, 8_499), InlineData(9_999, 0.333, 6_669), InlineData(1, 0.5, 1), InlineData(3, 0.5, 2), InlineData(19_900, 0.20, 15_920)]
    public void Percentages_round_half_away_from_zero_to_the_cent(long unit, double pct, long final) =>
        Assert.Equal(final, Price(Product(unit), code: Percent((decimal)pct, code: "X")).FinalCents);

    [Fact]
    public void Expired_at_exactly_now_is_rejected()
    {
        var q = Price(code: Percent(0.5m, code: "E", expires: Now));
        Assert.Equal(10_000, q.FinalCents);
        Assert.Equal("This coupon has expired.", q.CouponRejection);
    }

    [Fact]
    public void Expiring_a_moment_later_still_applies() =>
        Assert.Equal(5_000, Price(code: Percent(0.5m, code: "E", expires: Now.AddTicks(1))).FinalCents);

    [Fact]
    public void Used_up_coupon_is_rejected()
    {
        var q = Price(code: Percent(0.3m, code: "U", max: 5, used: 5));
        Assert.Equal("This coupon has been used up.", q.CouponRejection);
        Assert.Equal(10_000, q.FinalCents);
    }

    [Fact]
    public void One_use_left_still_applies() => Assert.Equal(7_000, Price(code: Percent(0.3m, code: "U", max: 5, used: 4)).FinalCents);

    [Fact]
    public void Unlimited_coupon_never_runs_out() => Assert.Equal(7_000, Price(code: Percent(0.3m, code: "U", max: -1, used: 1_000_000)).FinalCents);

    [Fact]
    public void Coupon_restricted_to_another_product_never_applies()
    {
        var q = Price(code: Percent(0.3m, code: "R", restricted: Other));
        Assert.Equal("This coupon is for another product.", q.CouponRejection);
        Assert.Equal(10_000, q.FinalCents);
    }

    [Fact]
    public void Coupon_restricted_to_this_product_applies() => Assert.Equal(7_000, Price(code: Percent(0.3m, code: "R", restricted: P)).FinalCents);

    [Fact]
    public void Inactive_coupon_is_rejected() =>
        Assert.Equal("This coupon is no longer active.", Price(code: Percent(0.3m, code: "I", status: 0)).CouponRejection);

    [Fact]
    public void Unknown_code_is_reported_and_the_site_sale_still_applies()
    {
        var q = Price(requested: "NOPE", site: [Percent(0.1m, isDefault: true)]);
        Assert.Equal("We don't know that coupon code.", q.CouponRejection);
        Assert.Equal(9_000, q.FinalCents);
    }

    [Fact]
    public void A_valid_code_replaces_the_site_sale() =>
        Assert.Equal(9_500, Price(code: Percent(0.05m, code: "SMALL"), site: [Percent(0.2m, isDefault: true)]).FinalCents);

    [Fact]
    public void A_rejected_code_falls_back_to_the_site_sale() =>
        Assert.Equal(8_000, Price(code: Percent(0.5m, code: "OLD", expires: Now.AddDays(-1)), site: [Percent(0.2m, isDefault: true)]).FinalCents);

    // ---- site-wide default -------------------------------------------------------------------

    [Fact]
    public void Highest_default_percentage_wins() =>
        Assert.Equal(7_000, Price(site: [Percent(0.1m, isDefault: true), Percent(0.3m, isDefault: true), Percent(0.2m, isDefault: true)]).FinalCents);

    [Fact]
    public void Non_default_coupons_are_not_site_wide() => Assert.Equal(10_000, Price(site: [Percent(0.3m)]).FinalCents);

    [Fact]
    public void Expired_default_is_ignored() =>
        Assert.Equal(9_000, Price(site: [Percent(0.5m, isDefault: true, expires: Now), Percent(0.1m, isDefault: true)]).FinalCents);

    [Fact]
    public void Used_up_default_is_ignored() =>
        Assert.Equal(9_000, Price(site: [Percent(0.5m, isDefault: true, max: 1, used: 1), Percent(0.1m, isDefault: true)]).FinalCents);

    [Fact]
    public void Default_restricted_to_this_product_applies() =>
        Assert.Equal(8_000, Price(site: [Percent(0.2m, isDefault: true, restricted: P)]).FinalCents);

    [Fact]
    public void Default_restricted_to_another_product_does_not_apply_here() =>
        Assert.Equal(10_000, Price(site: [Percent(0.2m, isDefault: true, restricted: Other)]).FinalCents);

    [Fact]
    public void Site_coupon_selection_for_the_banner_considers_the_shown_products()
    {
        var restricted = Percent(0.2m, isDefault: true, restricted: Other);
        Assert.Same(restricted, PricingEngine.SelectSiteCoupon([restricted], [Other], Now));
        Assert.Null(PricingEngine.SelectSiteCoupon([restricted], [P], Now));
        Assert.Null(PricingEngine.SelectSiteCoupon([], [P], Now));
    }

    // ---- upgrades ----------------------------------------------------------------------------

    [Fact]
    public void Restricted_to_full_upgrade_credits_what_was_paid()
    {
        var q = Price(purchases: [Bought(P, PurchaseStatus.Restricted, paid: 2_500)], country: "US");
        Assert.Equal(UpgradeInfo.RestrictedToFull, q.Upgrade!.Kind);
        Assert.Equal(7_500, q.FullCents);
        Assert.Equal(7_500, q.FinalCents);
    }

    [Fact]
    public void Upgrade_chain_of_three_credits_every_payment()
    {
        var first = Bought(P, PurchaseStatus.Restricted, paid: 1_000);
        var second = Bought(P, PurchaseStatus.Refunded, paid: 1_500, from: first.Id);
        var third = Bought(P, PurchaseStatus.Restricted, paid: 2_000, from: second.Id);
        var q = Price(purchases: [first, second, third]);
        Assert.Equal(UpgradeInfo.RestrictedToFull, q.Upgrade!.Kind);
        // The chain starts at its head (the purchase nothing was upgraded from) and follows upgraded_from.
        Assert.Equal(4_500, q.Upgrade.DiscountCents);
        Assert.Equal(5_500, q.FinalCents);
        Assert.Equal(4_500, PricingEngine.Upgrade(Product(), [third, second, first])!.DiscountCents);
    }

    [Fact]
    public void Upgrade_chain_with_a_cycle_terminates()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var loop = PricingEngine.Upgrade(Product(), [Bought(P, PurchaseStatus.Restricted, 1_000, from: b, id: a), Bought(P, PurchaseStatus.Restricted, 2_000, from: a, id: b)]);
        Assert.Equal(3_000, loop!.DiscountCents);
    }

    [Fact]
    public void Parts_to_bundle_upgrade_credits_the_owned_parts_unit_prices()
    {
        var bundle = Product(20_000, new UpgradePart(PartA, "A", 8_000), new UpgradePart(PartB, "B", 9_000));
        var one = Price(bundle, purchases: [Bought(PartA)]);
        Assert.Equal(UpgradeInfo.PartsToBundle, one.Upgrade!.Kind);
        Assert.Equal(12_000, one.FinalCents);
        var both = Price(bundle, purchases: [Bought(PartA), Bought(PartB)]);
        Assert.Equal(3_000, both.FinalCents);
    }

    [Fact]
    public void Refunded_parts_are_not_credited() =>
        Assert.Null(Price(Product(20_000, new UpgradePart(PartA, "A", 8_000)), purchases: [Bought(PartA, PurchaseStatus.Refunded)]).Upgrade);

    [Fact]
    public void Parts_worth_more_than_the_bundle_floor_at_zero() =>
        Assert.Equal(0, Price(Product(10_000, new UpgradePart(PartA, "A", 8_000), new UpgradePart(PartB, "B", 9_000)), purchases: [Bought(PartA), Bought(PartB)]).FinalCents);

    [Fact]
    public void Coupon_applies_after_the_upgrade_discount() =>
        Assert.Equal(6_000, Price(Product(20_000, new UpgradePart(PartA, "A", 8_000)), purchases: [Bought(PartA)], code: Percent(0.5m, code: "HALF")).FinalCents);

    [Fact]
    public void No_upgrade_without_an_owned_part() => Assert.Null(Price(Product(20_000, new UpgradePart(PartA, "A", 8_000))).Upgrade);

    // ---- quote ----------------------------------------------------------------------------------

    [Fact]
    public void Quote_without_discounts_is_the_list_price()
    {
        var q = Price();
        Assert.Equal((10_000L, 10_000L, CouponKinds.None, false), (q.FullCents, q.FinalCents, q.CouponKind, q.IsDiscounted));
    }

    [Fact]
    public void Quote_reports_what_was_saved()
    {
        var q = Price(code: Percent(0.25m, code: "Q"));
        Assert.Equal(2_500, q.SavedCents);
        Assert.True(q.IsDiscounted);
        Assert.Equal(10_000, q.ListCents);
    }

    [Fact]
    public void A_product_without_a_price_quotes_zero() =>
        Assert.Equal(0, PricingEngine.Price(new PricingInput { Product = Product() with { UnitAmountCents = null }, Now = Now }).FinalCents);

    [Fact]
    public void Quantity_below_one_is_treated_as_one() => Assert.Equal(1, Price(quantity: 0).Quantity);

    [Fact]
    public void The_shipped_ppp_table_covers_every_iso_country() => Assert.Equal(249, PppTable.Shipped.Count);

    [Theory]
    [InlineData(0.2, "20% off"), InlineData(0.125, "13% off")]
    public void Labels_name_the_percentage(double pct, string label) =>
        Assert.Equal(label, Money.DiscountLabel(Percent((decimal)pct)));

    [Fact]
    public void Labels_name_the_amount() => Assert.Equal("$25 off", Money.DiscountLabel(Amount(2_500)));

    [Fact]
    public void Ppp_and_bulk_labels_say_what_they_are()
    {
        Assert.Equal("75% off (regional price)", Money.DiscountLabel(Price(country: "IN")));
        Assert.Equal("10% team discount", Money.DiscountLabel(Price(quantity: 10)));
        Assert.Null(Money.DiscountLabel(Price()));
    }
}
