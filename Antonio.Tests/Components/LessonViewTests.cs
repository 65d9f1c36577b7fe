using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Web.Access;
using Antonio.Web.Learning;
using Bunit;
using Microsoft.AspNetCore.Components;
using static Antonio.Tests.Unit.LessonNavigatorTests;

namespace Antonio.Tests.Components;

[Trait("Category", "Unit")]
public sealed class LessonViewTests : ComponentTestContext
{
    private static readonly Guid ProductId = Guid.NewGuid();

    private readonly WorkshopData _workshop;
    private readonly LessonNavigator _nav;

    public LessonViewTests()
    {
        _workshop = Workshop(Section("s1", null, Lesson("one", tier: LinkTiers.Free), Lesson("two")), Section("s2", null, Lesson("three"))) with
        {
            Products = [new WorkshopProduct { Id = ProductId, Name = "Course", Type = ProductTypes.SelfPaced, Status = 1, UnitAmountCents = 19_900 }],
        };
        _nav = new LessonNavigator(_workshop);
    }

    private static LessonContent Content(TreeNode lesson) => new()
    {
        Id = lesson.Id, Type = ContentTypes.Lesson, Title = lesson.Title, Slug = lesson.Slug, State = ContentStates.Published,
        Body = "SECRET-BODY",
        Video = new LessonVideo { Id = Guid.NewGuid(), PlaybackId = "SECRETPLAYBACK", State = "ready", Transcript = "SECRET-TRANSCRIPT" },
    };

    private IRenderedComponent<LessonView> RenderLesson(LessonPosition position, AccessFlags flags, LessonContent? content) =>
        Render<LessonView>(p => p
            .Add(x => x.Workshop, _workshop).Add(x => x.Position, position)
            .Add(x => x.Decision, new LearnerPageDecision(_nav, position, flags, ShowsSolution: false, CohortStarted: true, NamedCountry: "",
                ShowsPrices: PricingPlacement.OnLessonPage(flags)))
            .Add(x => x.Content, content)
            .Add(x => x.Body, content is null ? default : new MarkupString($"<p>{content.Body}</p>"))
            .AddCascadingValue(_workshop)
            .AddCascadingValue(AccessContext.Anonymous(DateTimeOffset.UtcNow)));

    [Fact]
    public void Open_lesson_shows_body_video_transcript_and_neighbours()
    {
        var two = _nav.Find("two")!;
        var cut = RenderLesson(two, new AccessFlags { CanViewWorkshop = true, CanViewLesson = true }, Content(two.Lesson));
        Assert.Contains("SECRET-BODY", cut.Markup);
        Assert.Contains("SECRETPLAYBACK", cut.Find("video").GetAttribute("data-src"));
        Assert.Equal("none", cut.Find("video").GetAttribute("preload"));
        Assert.Equal("Transcript", cut.Find("details.transcript summary").TextContent);
        Assert.Equal("/workshops/w/one", cut.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("/workshops/w/three", cut.Find("a[rel=next]").GetAttribute("href"));
        Assert.Empty(cut.FindAll(".paywall"));
    }

    [Fact]
    public void Paywalled_lesson_has_no_body_no_playback_id_no_transcript_and_shows_pricing()
    {
        GivenPricing([ProductId], [new PricingProduct { ProductId = ProductId, Name = "Course", Type = ProductTypes.SelfPaced, Status = 1, UnitAmountCents = 19_900 }]);
        var two = _nav.Find("two")!;
        // Even if content were (wrongly) handed in, a denied view must not render it.
        var cut = RenderLesson(two, new AccessFlags { CanViewWorkshop = true }, Content(two.Lesson));
        Assert.DoesNotContain("SECRET", cut.Markup);
        Assert.Empty(cut.FindAll("video"));
        Assert.NotNull(cut.Find(".paywall"));
        Assert.Equal("$199", cut.Find(".price-final").TextContent);
    }

    [Fact]
    public void Pricing_placeholder_holds_its_place_until_the_quote_is_ready()
    {
        // Nothing cached and a database that never answers: the streamed section shows its skeleton.
        var two = _nav.Find("two")!;
        var cut = RenderLesson(two, new AccessFlags { CanViewWorkshop = true }, null);
        var pricing = cut.Find("section.pricing");
        Assert.Equal("true", pricing.GetAttribute("aria-busy"));
        Assert.NotNull(pricing.QuerySelector(".skeleton"));
        Assert.Contains("min-height: 150px", pricing.QuerySelector(".skeleton")!.GetAttribute("style"));
    }

    [Fact]
    public void Video_that_is_not_ready_says_processing()
    {
        var one = _nav.Find("one")!;
        var content = Content(one.Lesson) with { Video = new LessonVideo { Id = Guid.NewGuid(), PlaybackId = "P", State = "processing" } };
        var cut = RenderLesson(one, new AccessFlags { CanViewWorkshop = true, CanViewLesson = true }, content);
        Assert.Empty(cut.FindAll("video"));
        Assert.Contains("still processing", cut.Find(".video-processing").TextContent);
    }

    [Fact]
    public void A_lesson_without_a_video_shows_neither_player_nor_processing_notice()
    {
        var one = _nav.Find("one")!;
        var cut = RenderLesson(one, new AccessFlags { CanViewWorkshop = true, CanViewLesson = true }, Content(one.Lesson) with { Video = null });
        Assert.Empty(cut.FindAll("video"));
        Assert.Empty(cut.FindAll(".video-processing"));
        Assert.NotNull(cut.Find(".lesson-body"));
    }

    [Fact]
    public void Sale_coupon_shows_struck_list_price_and_label()
    {
        GivenPricing([ProductId], [new PricingProduct { ProductId = ProductId, Name = "Course", Type = ProductTypes.SelfPaced, Status = 1, UnitAmountCents = 20_000 }],
            [new CouponData { Id = Guid.NewGuid(), IsDefault = true, Status = 1, PercentageDiscount = 0.25m, MaxUses = -1 }]);
        var cut = RenderLesson(_nav.Find("two")!, new AccessFlags { CanViewWorkshop = true }, null);
        Assert.Equal("$200", cut.Find(".price-full s").TextContent);
        Assert.Equal("$150", cut.Find(".price-final").TextContent);
        Assert.Equal("25% off", cut.Find(".price-label").TextContent);
    }
}
