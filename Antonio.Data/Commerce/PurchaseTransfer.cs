using System.Linq.Expressions;

namespace Antonio.Data.Commerce;

/// <summary>
/// A buyer's offer to give one of their purchases to another person, by e-mail: pending until the recipient accepts
/// (then the purchase is theirs), the sender cancels, or it expires; an admin may undo an accepted one.
/// </summary>
public class PurchaseTransfer
{
    public Guid Id { get; set; }
    public Guid PurchaseId { get; set; }
    public Guid FromUserId { get; set; }
    /// <summary>The address the offer went to: only the account with this address may accept it.</summary>
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string Token { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? ToUserId { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public Guid? UndoneById { get; set; }

    /// <summary>Open at this moment: neither accepted nor withdrawn, and not expired.</summary>
    public bool IsPendingAt(DateTimeOffset now) => AcceptedAt is null && CancelledAt is null && ExpiresAt > now;

    /// <summary><see cref="IsPendingAt"/>, the same rule for a query (PostgreSQL decides it).</summary>
    public static Expression<Func<PurchaseTransfer, bool>> PendingAt(DateTimeOffset now) =>
        t => t.AcceptedAt == null && t.CancelledAt == null && t.ExpiresAt > now;
}
