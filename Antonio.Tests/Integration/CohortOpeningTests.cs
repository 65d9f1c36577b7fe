using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning.Cohorts;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>
/// "Now open" e-mails on a controlled clock, with three nodes over one database — one of them three minutes behind —
/// and a restart: each member of the cohort gets exactly one per opening; nobody outside it gets one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CohortOpeningTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    // The nodes' own check runs once at start; the test asks for the rest itself (an hour is longer than the test).
    private Task<TestApp> NodeAsync(TestClock clock) =>
        TestApp.StartAsync(fixture.Database, configure: b => b.Services.AddSingleton<TimeProvider>(clock),
            settings: new Dictionary<string, string?> { ["Antonio:Cohorts:OpeningCheckInterval"] = "01:00:00" });

    private Task<long> OpenedMailsAsync(string? to = null) => fixture.Database.ScalarAsync<long>(
        $"SELECT count(*) FROM email_outbox WHERE kind = '{CohortOpenings.MailKind}'" + (to is null ? "" : $" AND recipient = '{to}'"));

    [Fact]
    public async Task Each_member_gets_one_now_open_e_mail_per_opening_across_three_nodes_a_skewed_clock_and_a_restart()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.UpcomingCohortWorkshop);
        var opensAt = workshop.StartsAt!.Value;
        var clock = new TestClock(opensAt.AddMinutes(-5));
        var behind = new TestClock(opensAt.AddMinutes(-8));
        var a = await NodeAsync(clock);
        var b = await NodeAsync(clock);
        var c = await NodeAsync(behind);
        var retired = a;
        try
        {
            // Before the opening: nothing, however often it is asked.
            Assert.Equal(0, await a.Service<CohortOpenings>().RunAsync());
            Assert.Equal(0L, await OpenedMailsAsync(DemoAccounts.CohortEarly));

            clock.Advance(TimeSpan.FromMinutes(6));
            behind.Advance(TimeSpan.FromMinutes(6));
            var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => new[] { a, b, c }[i % 3].Service<CohortOpenings>().RunAsync()));
            var members = await fixture.Database.ScalarAsync<long>($"""
                SELECT count(DISTINCT e.user_id) FROM entitlements e JOIN entitlement_types t ON t.id = e.entitlement_type_id
                 WHERE t.name = 'cohort_content_access' AND e.deleted_at IS NULL AND e.content_ids @> ARRAY['{workshop.Id}'::uuid]
                """);
            Assert.True(members >= 1);
            Assert.Equal(members, runs.Sum());
            Assert.Equal(members, await OpenedMailsAsync());
            Assert.Equal(1L, await OpenedMailsAsync(DemoAccounts.CohortEarly));
            Assert.Equal(0L, await OpenedMailsAsync(DemoAccounts.CohortStarted)); // the other cohort's member
            Assert.Equal(0L, await OpenedMailsAsync(DemoAccounts.Buyer));

            // The node whose clock is behind reaches the opening later: it queues nothing new.
            behind.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(0, await c.Service<CohortOpenings>().RunAsync());

            // A restart: a new node, and the old ones again, an hour later. (The old node may have delivered some
            // messages already, to its own SMTP server: its mailbox is still counted.)
            retired = a;
            await a.DisposeAsync();
            clock.Advance(TimeSpan.FromHours(1));
            a = await NodeAsync(clock);
            Assert.Equal(0, await a.Service<CohortOpenings>().RunAsync());
            Assert.Equal(0, await b.Service<CohortOpenings>().RunAsync());
            Assert.Equal(members, await OpenedMailsAsync());

            // Delivered once, by whichever node claimed it, with a link to the first lesson.
            TestApp[] nodes = [retired, a, b, c];
            var delivered = await WaitForDeliveryAsync(nodes, DemoAccounts.CohortEarly);
            Assert.Contains($"/workshops/{workshop.Slug}/", delivered.TextBody);
            await Task.Delay(1500);
            Assert.Equal(1, nodes.Sum(n => n.Mail.To(DemoAccounts.CohortEarly).Count(m => m.Subject == delivered.Subject)));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await c.DisposeAsync();
        }
    }

    /// <summary>Cohort access to a workshop for a demo account, granted by hand at the given moment.</summary>
    private Task GrantAsync(string email, Guid workshopId, DateTimeOffset at) => fixture.Database.ExecuteAsync($"""
        INSERT INTO entitlements (id, entitlement_type_id, user_id, source_type, content_ids, created_at)
        SELECT gen_random_uuid(), t.id, u.id, 'manual', ARRAY['{workshopId}'::uuid], '{at:O}'::timestamptz
          FROM entitlement_types t, users u WHERE t.name = 'cohort_content_access' AND u.email = '{email}'
        """);

    [Fact]
    public async Task An_opening_missed_for_longer_than_the_window_and_a_member_who_joined_after_it_are_not_told()
    {
        var live = await SeededData.WorkshopAsync(fixture.Database, DemoCatalogue.LiveCohortWorkshop);
        var opensAt = live.StartsAt!.Value;
        await GrantAsync(DemoAccounts.Reviewer, live.Id, opensAt.AddDays(-1));
        await GrantAsync(DemoAccounts.Contributor, live.Id, opensAt.AddDays(1));

        // Seven days after the opening (an outage that long): beyond the two-day window, nobody is told late.
        var late = new TestClock(opensAt.AddDays(7));
        await using (var node = await NodeAsync(late))
            Assert.Equal(0, await node.Service<CohortOpenings>().RunAsync());

        // A day after it: the member from before is told; the one who joined after the opening is not.
        var soon = new TestClock(opensAt.AddDays(1).AddHours(1));
        await using (var node = await NodeAsync(soon))
            await node.Service<CohortOpenings>().RunAsync();
        Assert.Equal(1L, await OpenedMailsAsync(DemoAccounts.Reviewer));
        Assert.Equal(0L, await OpenedMailsAsync(DemoAccounts.Contributor));
    }

    private static async Task<MimeKit.MimeMessage> WaitForDeliveryAsync(TestApp[] nodes, string to)
    {
        for (var i = 0; i < 200; i++)
        {
            if (nodes.SelectMany(n => n.Mail.To(to)).FirstOrDefault(m => m.Subject?.Contains("cohort is open", StringComparison.Ordinal) == true) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no 'now open' e-mail reached {to}");
    }
}
