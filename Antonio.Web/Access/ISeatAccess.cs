using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;

namespace Antonio.Web.Access;

/// <summary>
/// The access of a team seat whose team another feature sold as something other than content (a team membership,
/// Commerce's <c>MembershipSeats</c>): asked by <see cref="PurchaseEffects.GrantAsync"/> before the seat gets its
/// product's content, inside the redemption's transaction. The entitlement it adds hangs on the seat's purchase, so
/// removing the seat removes it.
/// </summary>
public interface ISeatAccess
{
    /// <returns>True when it granted the seat's access; false when the team is not its to say.</returns>
    Task<bool> GrantSeatAsync(AntonioDbContext db, Purchase seat, OrganizationMembership membership, CancellationToken ct);
}
