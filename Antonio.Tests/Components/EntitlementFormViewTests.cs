using Antonio.Data.Access;
using Antonio.Web.Admin;
using Bunit;

namespace Antonio.Tests.Components;

/// <summary>The manual grant form: a workshop for content access, a tier for subscriptions, a future expiry.</summary>
[Trait("Category", "Unit")]
public sealed class EntitlementFormViewTests : ComponentTestContext
{
    private static readonly AdminOption Workshop = new(Guid.NewGuid(), "Essentials");

    private IRenderedComponent<EntitlementFormView> Render(EntitlementForm model, Action onSave) =>
        Render<EntitlementFormView>(p => p.Add(x => x.Model, model).Add(x => x.Workshops, [Workshop]).Add(x => x.OnSave, onSave));

    [Fact]
    public void Content_access_needs_a_workshop()
    {
        var saved = 0;
        var model = new EntitlementForm();
        var cut = Render(model, () => saved++);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("Choose the workshop"));
        Assert.Equal(0, saved);
        cut.Find("#grant-workshop").Change(Workshop.Id.ToString());
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
        Assert.Equal(Workshop.Id, model.WorkshopId);
    }

    [Fact]
    public void A_subscription_asks_for_a_tier_instead_of_a_workshop()
    {
        var saved = 0;
        var model = new EntitlementForm();
        var cut = Render(model, () => saved++);
        cut.Find("#grant-type").Change(EntitlementTypeNames.SubscriptionAccess);
        Assert.Empty(cut.FindAll("#grant-workshop"));
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("tier"));
        cut.Find("#grant-tier").Change("pro");
        cut.Find("form").Submit();
        Assert.Equal(1, saved);
    }

    [Fact]
    public void An_expiry_in_the_past_is_refused()
    {
        var saved = 0;
        var cut = Render(new EntitlementForm { WorkshopId = Workshop.Id, ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) }, () => saved++);
        cut.Find("form").Submit();
        Assert.Contains(cut.FindAll(".validation-message"), m => m.TextContent.Contains("in the future"));
        Assert.Equal(0, saved);
    }
}
