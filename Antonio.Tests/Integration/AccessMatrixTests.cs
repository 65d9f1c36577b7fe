using Antonio.Data.Access;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// For every seeded access situation, every lesson page of a paid workshop: the lesson's body text,
/// playback id, stream URL, transcript and caption track appear if and only if access is granted.
/// </summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AccessMatrixTests(SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Every situation of the table (<see cref="Personas.Access"/>) on one node, in turn — so a situation is served the
    /// templates the situations before it made (issue #28: a page key that forgot an input would hand one situation
    /// another's page) — then again with every fast path off: the rollback plan gives the same answers. A failure
    /// names its situation.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_situation_in_turn_on_one_node_with_every_fast_path(bool on)
    {
        _app.SetAllFastPaths(on);
        foreach (var row in Personas.Access)
        {
            try
            {
                await AccessMatrix.CheckAsync(_app, seeded.Database, row.Email, row.WorkshopIndex, row.Country, row.Open);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{row.Persona} in workshop {row.WorkshopIndex} (fast paths {(on ? "on" : "off")}): {e.Message}");
            }
        }
    }

    [Fact]
    public async Task Region_restricted_and_pending_states_say_why()
    {
        var paid = await SeededData.WorkshopAsync(seeded.Database, 0);
        var locked = new LessonNavigator(paid).Lessons[2];
        using var ppp = await WebUser.SignedInAsync(_app, DemoAccounts.PppBuyer);
        var abroad = await ppp.GetAsync($"/workshops/{paid.Slug}/{locked.Lesson.Slug}", new Dictionary<string, string> { ["CF-IPCountry"] = "DE" });
        Assert.Contains("limited to another region", abroad.Body);
        Assert.Contains("visiting from DE", abroad.Body);

        var cohort = await SeededData.WorkshopAsync(seeded.Database, DemoCatalogue.UpcomingCohortWorkshop);
        using var early = await WebUser.SignedInAsync(_app, DemoAccounts.CohortEarly);
        var pending = await early.GetAsync($"/workshops/{cohort.Slug}/{new LessonNavigator(cohort).Lessons[2].Lesson.Slug}");
        Assert.Contains("cohort hasn&#x27;t started yet", pending.Body);
        Assert.Contains(cohort.StartsAt!.Value.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), pending.Body);

        var anonymous = await _app.GetAsync($"/workshops/{paid.Slug}/{locked.Lesson.Slug}");
        Assert.Contains("Already bought it?", anonymous.Body);
    }

    [Fact]
    public async Task Admins_and_reviewers_reach_draft_lessons_learners_do_not()
    {
        var paid = await SeededData.WorkshopAsync(seeded.Database, 0);
        var draft = new LessonNavigator(paid, includeDrafts: true).Lessons.Single(l => !l.Lesson.IsPublished);
        var path = $"/workshops/{paid.Slug}/{draft.Lesson.Slug}";
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        Assert.Equal(200, (await admin.GetAsync(path)).Status);
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.Equal(404, (await buyer.GetAsync(path)).Status);
        Assert.Equal(200, (await admin.GetAsync("/workshops/draft-workshop")).Status);
        Assert.Equal(404, (await buyer.GetAsync("/workshops/draft-workshop")).Status);
    }

    [Fact]
    public async Task The_access_snapshot_is_one_sql_command()
    {
        var counter = new CountingInterceptor();
        await using var db = seeded.Database.CreateContext(counter);
        var userId = await seeded.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.SeatHolder}'");
        var snapshot = await AccessSnapshotQuery.LoadAsync(db, userId);
        Assert.Equal(1, counter.Count);
        Assert.NotEmpty(snapshot.Memberships);
        Assert.NotEmpty(snapshot.Entitlements);
        Assert.Contains(snapshot.Purchases, p => p.RedeemedBulkCouponId is not null);
    }

    [Fact]
    public async Task Signed_in_pages_cost_at_most_5_queries_cold_and_none_warm()
    {
        await using var fresh = await TestApp.StartAsync(seeded.Database);
        using var buyer = await WebUser.SignedInAsync(fresh, DemoAccounts.Buyer);
        var paid = await SeededData.WorkshopAsync(seeded.Database, 1);
        var lesson = $"/workshops/{paid.Slug}/{new LessonNavigator(paid).Lessons[3].Lesson.Slug}";
        var cold = await buyer.GetAsync(lesson);
        Assert.Equal(200, cold.Status);
        Assert.InRange(cold.Queries, 1, 5);
        Assert.Contains("Mark lesson complete", cold.Body);
        Assert.Equal(0, (await buyer.GetAsync(lesson)).Queries);

        var otherWorkshop = await SeededData.WorkshopAsync(seeded.Database, 2);
        var workshopCold = await buyer.GetAsync($"/workshops/{otherWorkshop.Slug}");
        Assert.InRange(workshopCold.Queries, 1, 5);
        Assert.Equal(0, (await buyer.GetAsync($"/workshops/{otherWorkshop.Slug}")).Queries);
    }
}
