using Antonio.Web.Admin;
using Bunit;

namespace Antonio.Tests.Components;

/// <summary>The coupon form enforces the pricing rules: one kind of discount, percent in (0, 1], amount > 0.</summary>
[Trait("Category", "Unit")]
public sealed class CouponFormViewTests : ComponentTestContext
{
    private IRenderedComponent<CouponFormView> Render(CouponForm model, Action onSave) =>
        Render<CouponFormView>(p => p.Add(x => x.Model, model).Add(x => x.Products, [new AdminOption(Guid.NewGuid(), "Essentials")]).Add(x => x.OnSave, onSave));

    [Theory]
    [InlineData("0.2", "5", "not both")]
    [InlineData("", "", "Enter a percentage or an amount")]
    [InlineData("0", "", "above 0 and at most 1")]
    [InlineData("1.5", "", "above 0 and at most 1")]
    [InlineData("-0.1", "", "above 0 and at most 1")]
    [InlineData("", "0", "above 0, in dollars and cents")]
    [InlineData("", "-3", "above 0, in dollars and cents")]
    [InlineData("", "2.555", "above 0, in dollars and cents")]
    public void Discounts_that_break_the_rules_are_refused(string percent, string amount, string message)
    {
        var saved = 0;
        var cut = Render(new CouponForm { Code = "SPRING" }, () => saved++);
        cut.Find("#coupon-percent").Change(percent);
        cut.Find("#coupon-amount").Change(amount);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains(message));
        Assert.Equal(0, saved);
    }

    [Theory]
    [InlineData("bad code!", false, "letters, digits")]
    [InlineData("", false, "needs a code")]
    public void Codes_are_checked(string code, bool isDefault, string message)
    {
        var saved = 0;
        var cut = Render(new CouponForm { PercentageDiscount = 0.1m, IsDefault = isDefault }, () => saved++);
        cut.Find("#coupon-code").Change(code);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains(message));
        Assert.Equal(0, saved);
    }

    [Fact]
    public void Zero_max_uses_is_refused()
    {
        var saved = 0;
        var cut = Render(new CouponForm { Code = "X", PercentageDiscount = 0.1m }, () => saved++);
        cut.Find("#coupon-max").Change("0");
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("at least 1"));
        Assert.Equal(0, saved);
    }

    [Theory]
    [InlineData("1", "")]
    [InlineData("0.25", "")]
    [InlineData("", "10.50")]
    public void Valid_coupons_save(string percent, string amount)
    {
        var saved = 0;
        var model = new CouponForm { Code = "SPRING" };
        var cut = Render(model, () => saved++);
        cut.Find("#coupon-percent").Change(percent);
        cut.Find("#coupon-amount").Change(amount);
        cut.Find("#coupon-max").Change("20");
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal(20, model.MaxUses);
        if (amount.Length > 0) Assert.Equal(1_050, model.AmountDiscountCents);
    }

    [Fact]
    public void A_site_wide_sale_needs_no_code_and_can_be_restricted_to_a_product()
    {
        var saved = 0;
        var model = new CouponForm { PercentageDiscount = 0.2m, IsDefault = true };
        var cut = Render(model, () => saved++);
        var product = cut.FindAll("#coupon-product option")[1].GetAttribute("value")!;
        cut.Find("#coupon-product").Change(product);
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal(Guid.Parse(product), model.RestrictedToProductId);
    }
}
