namespace Antonio.Data.Seeding;

/// <summary>
/// The named demo accounts, one per access situation AccessRules decides (Antonio.Web/Access/AccessRules.cs). All share
/// <see cref="Password"/>; the dev server prints this list at start-up.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Antonio-demo-1";

    public const string Admin = "admin@antonio.dev";
    public const string Reviewer = "reviewer@antonio.dev";
    public const string Contributor = "contributor@antonio.dev";
    public const string Buyer = "buyer@antonio.dev";
    public const string BundleBuyer = "bundle-buyer@antonio.dev";
    public const string PppBuyer = "ppp-buyer@antonio.dev";
    public const string Refunded = "refunded@antonio.dev";
    public const string Disputed = "disputed@antonio.dev";
    public const string TeamBuyer = "team-buyer@antonio.dev";
    public const string SeatHolder = "seat-holder@antonio.dev";
    public const string CohortEarly = "cohort-early@antonio.dev";
    public const string CohortStarted = "cohort-started@antonio.dev";
    public const string LiveTicket = "live-ticket@antonio.dev";
    public const string SubscriberPro = "pro@antonio.dev";
    public const string SubscriberStandard = "standard@antonio.dev";
    public const string ExpiredEntitlement = "expired@antonio.dev";
    public const string Nobody = "nobody@antonio.dev";
    public const string TransferSender = "transfer-sender@antonio.dev";
    public const string TransferRecipient = "transfer-recipient@antonio.dev";
    public const string MemberMonthly = "member-monthly@antonio.dev";
    public const string MemberInGrace = "member-grace@antonio.dev";
    public const string MemberCanceling = "member-canceling@antonio.dev";
    public const string MemberEnded = "member-ended@antonio.dev";
    public const string MemberTeamBuyer = "member-team-buyer@antonio.dev";
    public const string MemberTeamSeat = "member-team-seat@antonio.dev";

    /// <summary>Email → what the account demonstrates.</summary>
    public static readonly IReadOnlyList<(string Email, string Situation)> All =
    [
        (Admin, "admin: everything, drafts included"),
        (Reviewer, "reviewer: reads all content"),
        (Contributor, "contributor: edits own content"),
        (Buyer, "bought Essentials (Valid, US)"),
        (BundleBuyer, "bought the Complete Bundle"),
        (PppBuyer, "bought Essentials with PPP (Restricted to IN)"),
        (Refunded, "bought Essentials, then refunded"),
        (Disputed, "bought Essentials, then disputed"),
        (TeamBuyer, "bought 10 Advanced seats (team page, 2 seats used)"),
        (SeatHolder, "redeemed an Advanced team seat"),
        (CohortEarly, "in the upcoming cohort (opens in 14 days)"),
        (CohortStarted, "in the live cohort (started 7 days ago)"),
        (LiveTicket, "holds a ticket to the live session (in 3 days)"),
        (SubscriberPro, "subscription, pro tier"),
        (SubscriberStandard, "subscription, standard tier"),
        (ExpiredEntitlement, "Essentials access that expired yesterday"),
        (Nobody, "signed in, owns nothing"),
        (TransferSender, "bought Essentials, then gave it to transfer-recipient@"),
        (TransferRecipient, "was given Essentials by transfer-sender@ (accepted)"),
        (MemberMonthly, "Pro membership, monthly, renews in 20 days"),
        (MemberInGrace, "Pro membership, yearly; its renewal failed 3 days ago (in the grace period)"),
        (MemberCanceling, "Standard membership, canceled; open until its period ends in 12 days"),
        (MemberEnded, "Pro membership, canceled; ended 5 days ago"),
        (MemberTeamBuyer, "Pro membership for a team of 5 (yearly; /team, 1 seat given)"),
        (MemberTeamSeat, "holds a seat of member-team-buyer@'s Pro team membership"),
    ];
}
