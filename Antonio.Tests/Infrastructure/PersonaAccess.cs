using Antonio.Data.Seeding;

namespace Antonio.Tests.Infrastructure;

/// <summary>
/// What one demo situation may read in one workshop: "all" its lessons, only the "free" ones, or the "standard" tier's.
/// <paramref name="Country"/> is the visitor's country (as a trusted proxy reports it), when it matters.
/// </summary>
public sealed record PersonaAccess(string Persona, string? Email, int WorkshopIndex, string? Country, string Open);

/// <summary>
/// Every demo situation (DemoAccounts) and what it opens: the one table the access matrix (checked against
/// AccessRules on a seeded database, Integration/AccessMatrixTests) and the persona journeys (a browser against any
/// deployment with the demo data, Journeys/PersonaJourneys) both read.
/// </summary>
public static class Personas
{
    public static readonly IReadOnlyList<PersonaAccess> Access =
    [
        new("anonymous", null, 0, null, "free"),
        new("nobody", DemoAccounts.Nobody, 0, null, "free"),
        new("admin", DemoAccounts.Admin, 0, null, "all"),
        new("reviewer", DemoAccounts.Reviewer, 0, null, "all"),
        new("contributor", DemoAccounts.Contributor, 0, null, "free"),
        new("contributor", DemoAccounts.Contributor, DemoCatalogue.AdvancedLast, null, "all"),
        new("buyer", DemoAccounts.Buyer, 0, null, "all"),
        new("buyer", DemoAccounts.Buyer, DemoCatalogue.AdvancedFirst, null, "free"),
        new("bundle-buyer", DemoAccounts.BundleBuyer, DemoCatalogue.AdvancedFirst, null, "all"),
        new("ppp-buyer-outside", DemoAccounts.PppBuyer, 0, "US", "free"),
        new("ppp-buyer-inside", DemoAccounts.PppBuyer, 0, "IN", "all"),
        new("refunded", DemoAccounts.Refunded, 0, null, "free"),
        new("disputed", DemoAccounts.Disputed, 0, null, "free"),
        new("expired", DemoAccounts.ExpiredEntitlement, 0, null, "free"),
        new("team-buyer", DemoAccounts.TeamBuyer, DemoCatalogue.AdvancedFirst, null, "free"),
        new("seat-holder", DemoAccounts.SeatHolder, DemoCatalogue.AdvancedFirst, null, "all"),
        new("seat-holder", DemoAccounts.SeatHolder, 0, null, "free"),
        new("cohort-early", DemoAccounts.CohortEarly, DemoCatalogue.UpcomingCohortWorkshop, null, "free"),
        new("cohort-started", DemoAccounts.CohortStarted, DemoCatalogue.LiveCohortWorkshop, null, "all"),
        new("cohort-started", DemoAccounts.CohortStarted, DemoCatalogue.UpcomingCohortWorkshop, null, "free"),
        new("live-ticket", DemoAccounts.LiveTicket, 0, null, "free"),
        new("pro", DemoAccounts.SubscriberPro, 0, null, "all"),
        new("standard", DemoAccounts.SubscriberStandard, 0, null, "free"),
        new("standard", DemoAccounts.SubscriberStandard, 4, null, "standard"),
        new("transfer-sender", DemoAccounts.TransferSender, 0, null, "free"),
        new("transfer-recipient", DemoAccounts.TransferRecipient, 0, null, "all"),
        new("member-monthly", DemoAccounts.MemberMonthly, 0, null, "all"),
        new("member-in-grace", DemoAccounts.MemberInGrace, DemoCatalogue.AdvancedFirst, null, "all"),
        new("member-canceling", DemoAccounts.MemberCanceling, 0, null, "free"),
        new("member-canceling", DemoAccounts.MemberCanceling, 4, null, "standard"),
        new("member-ended", DemoAccounts.MemberEnded, 0, null, "free"),
        new("member-team-buyer", DemoAccounts.MemberTeamBuyer, 0, null, "free"),
        new("member-team-seat", DemoAccounts.MemberTeamSeat, DemoCatalogue.AdvancedFirst, null, "all"),
    ];

    /// <summary>The personas, each once, in the table's order.</summary>
    public static IEnumerable<string> Names => Access.Select(a => a.Persona).Distinct();
}
