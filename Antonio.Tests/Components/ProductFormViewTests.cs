using Antonio.Web.Admin;
using Bunit;

namespace Antonio.Tests.Components;

/// <summary>The product form: price, type and workshop rules; choices toggle the model's lists; saves only when valid.</summary>
[Trait("Category", "Unit")]
public sealed class ProductFormViewTests : ComponentTestContext
{
    private static readonly AdminOption WorkshopA = new(Guid.NewGuid(), "Workshop A"), WorkshopB = new(Guid.NewGuid(), "Workshop B");
    private static readonly AdminOption Part = new(Guid.NewGuid(), "Part"), Bundle = new(Guid.NewGuid(), "Bundle");

    private IRenderedComponent<ProductFormView> Render(ProductForm model, Action onSave, Guid? productId = null) =>
        Render<ProductFormView>(p => p.Add(x => x.Model, model).Add(x => x.ProductId, productId)
            .Add(x => x.Workshops, [WorkshopA, WorkshopB]).Add(x => x.Products, [Part, Bundle]).Add(x => x.OnSave, onSave));

    [Fact]
    public void Missing_name_price_and_workshop_are_each_explained_and_nothing_saves()
    {
        var saved = 0;
        var cut = Render(new ProductForm { Name = "", UnitAmount = null }, () => saved++);
        cut.Find("form").Submit();
        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("Name field is required"));
        Assert.Contains(messages, m => m.Contains("Enter the price"));
        Assert.Equal(0, saved);
    }

    [Theory]
    [InlineData("0", "between 0.01 and 1,000,000")]
    [InlineData("-5", "between 0.01 and 1,000,000")]
    [InlineData("19.999", "two decimals")]
    public void Prices_must_be_positive_dollars_and_cents(string price, string message)
    {
        var saved = 0;
        var model = new ProductForm { Name = "Course", WorkshopIds = [WorkshopA.Id] };
        var cut = Render(model, () => saved++);
        cut.Find("#product-price").Change(price);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains(message));
        Assert.Equal(0, saved);
    }

    [Fact]
    public void A_cohort_shows_a_start_for_each_workshop_it_sells()
    {
        var model = new ProductForm { Name = "Winter", Type = "cohort", UnitAmount = 99m, WorkshopIds = [WorkshopB.Id] };
        var cut = Render(model, () => { });
        Assert.Single(cut.FindAll(".cohort-schedule-editor input"));
        cut.Find($"#opens-{WorkshopB.Id:N}").Change("2027-01-05T09:00");
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero), model.OpeningFor(WorkshopB.Id).Utc);
        cut.Find("#product-type").Change("self-paced");
        Assert.Empty(cut.FindAll(".cohort-schedule-editor"));
    }

    [Fact]
    public void A_live_session_needs_its_page_time_a_known_zone_sensible_seats_and_an_https_address()
    {
        var saved = 0;
        var model = new ProductForm { Name = "Office hours", Type = "live", UnitAmount = 49m };
        var cut = Render(model, () => saved++);
        Assert.Single(cut.FindAll(".live-session-editor"));
        cut.Find("#live-starts").Change("2027-01-05T17:00");
        cut.Find("#live-ends").Change("2027-01-05T16:00");
        cut.Find("#live-zone").Change("Mars/Olympus");
        cut.Find("#live-capacity").Change("0");
        cut.Find("#live-join").Change("javascript:alert(1)");
        cut.Find("form").Submit();
        var messages = cut.FindAll(".validation-errors li").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("give it an address"));
        Assert.Contains(messages, m => m.Contains("ends after it starts"));
        Assert.Contains(messages, m => m.Contains("Europe/Berlin"));
        Assert.Contains(messages, m => m.Contains("between 1 and 100,000"));
        Assert.Contains(messages, m => m.Contains("https://"));
        Assert.Equal(0, saved);

        cut.Find("#product-slug").Change("office-hours");
        cut.Find("#live-ends").Change("2027-01-05T18:30");
        cut.Find("#live-zone").Change("Europe/Berlin");
        cut.Find("#live-capacity").Change("");
        cut.Find("#live-join").Change("https://meet.example.com/office-hours");
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 17, 0, 0, TimeSpan.Zero), model.Live.StartsUtc);
        Assert.Null(model.Live.Capacity);

        cut.Find("#product-type").Change("self-paced");
        Assert.Empty(cut.FindAll(".live-session-editor"));
    }

    [Fact]
    public void A_self_paced_product_must_sell_a_workshop_but_a_membership_need_not()
    {
        var saved = 0;
        var model = new ProductForm { Name = "Course", UnitAmount = 99m };
        var cut = Render(model, () => saved++);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("sells at least one workshop"));
        cut.Find("#product-type").Change("membership");
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
    }

    [Fact]
    public void Ticking_choices_fills_the_lists_and_a_valid_form_saves()
    {
        var saved = 0;
        var model = new ProductForm { Name = "Bundle", UnitAmount = 249.5m };
        var cut = Render(model, () => saved++, productId: Bundle.Id);
        Assert.DoesNotContain(cut.FindAll("input[name=upgradable-from]"), i => i.GetAttribute("value") == Bundle.Id.ToString());
        cut.FindAll("input[name=workshop]")[1].Change(true);
        cut.FindAll("input[name=upgradable-from]")[0].Change(true);
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal([WorkshopB.Id], model.WorkshopIds);
        Assert.Equal([Part.Id], model.UpgradableFromIds);
        Assert.Equal(24_950, model.UnitAmountCents);
        cut.FindAll("input[name=workshop]")[1].Change(false);
        Assert.Empty(model.WorkshopIds);
    }
}
