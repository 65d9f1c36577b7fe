using Antonio.Data;

namespace Antonio.Web.Access;

/// <summary>
/// Something another feature built on a purchase's access (a certificate), told inside the same
/// transaction when a refund, dispute or ban takes that access away (<see cref="PurchaseEffects.RevokeAsync"/>).
/// </summary>
public interface IAccessLossFollower
{
    Task AccessRevokedAsync(AntonioDbContext db, Guid purchaseId, CancellationToken ct);
}
