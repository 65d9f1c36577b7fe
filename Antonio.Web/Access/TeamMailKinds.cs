namespace Antonio.Web.Access;

/// <summary>The outbox kinds team seats queue, and what each carries.</summary>
public static class TeamMailKinds
{
    /// <summary>To the invited address: the link that takes the seat.</summary>
    public const string Invitation = "team-invitation";
    /// <summary>To the team's buyer: someone took a seat.</summary>
    public const string SeatClaimed = "seat-claimed";
    /// <summary>To the learner who took a seat: welcome, and when a cohort opens.</summary>
    public const string SeatWelcome = "seat-welcome";
    /// <summary>To a seat holder: the team's purchase was refunded or disputed, and their seat ended with it.</summary>
    public const string SeatEnded = "seat-ended";
}

public sealed record TeamInvitationRequest(Guid InvitationId);

public sealed record SeatClaimedNotice(Guid BulkPurchaseId, Guid MemberId);

public sealed record SeatEndedNotice(Guid ProductId);
