namespace Antonio.Data.Access;

/// <summary>
/// A team seat offered to an e-mail address by the team's buyer. While pending (neither claimed nor revoked)
/// it holds one of the team's seats; following its link (<see cref="Token"/>, 128 random bits) and
/// accepting takes the seat. One pending invitation per team and address.
/// </summary>
public class TeamInvitation
{
    public Guid Id { get; set; }
    /// <summary>The team: its (first) bulk purchase, whose seat coupon the seats come from.</summary>
    public Guid BulkPurchaseId { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string Token { get; set; } = "";
    public Guid InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public Guid? ClaimedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsPending => ClaimedAt is null && RevokedAt is null;
}
