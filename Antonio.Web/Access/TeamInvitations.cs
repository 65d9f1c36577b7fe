using System.ComponentModel.DataAnnotations;
using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access;

public enum AcceptOutcome { Accepted, NotFound, NoSeatsLeft, AlreadyMember }

/// <summary>
/// A team buyer's self-service (/team): invite by e-mail (a list, up to the seats left), revoke an invitation
/// not yet taken, remove a member (their access from the seat ends and the seat returns), take a seat
/// themselves. Every change checks that the team is the caller's, happens in one transaction with its
/// e-mails and its audit row, and drops the affected users' cache entries.
/// </summary>
public sealed class TeamInvitations(IDbContextFactory<AntonioDbContext> dbFactory, TeamSeats seats, PurchaseEffects effects, Mail.Outbox outbox,
    CacheInvalidator invalidator, TimeProvider clock)
{
    public const int MaxAddressesText = 20_000;
    private static readonly EmailAddressAttribute AddressRule = new();

    /// <summary>The addresses of a pasted list (commas, semicolons, spaces or lines between them), or the reasons it is refused.</summary>
    public static (IReadOnlyList<string> Addresses, IReadOnlyList<string> Errors) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ([], ["Enter at least one e-mail address."]);
        if (text.Length > MaxAddressesText) return ([], ["That list is too long."]);
        var addresses = new List<string>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var address = raw.Trim().Trim('<', '>');
            if (address.Length > 256 || !AddressRule.IsValid(address) || address.Any(char.IsControl)) errors.Add($"Not an e-mail address: {Shorten(address)}");
            else if (!seen.Add(address)) errors.Add($"Listed twice: {address}");
            else addresses.Add(address);
        }
        return (addresses, errors);
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    /// <summary>Invites every address of the list, or none (a bad address, one already invited or in the team, or more than the seats left).</summary>
    public async Task<IReadOnlyList<string>> InviteAsync(Guid ownerId, Guid purchaseId, string? list, CancellationToken ct = default)
    {
        var (addresses, parseErrors) = Parse(list);
        if (parseErrors.Count > 0) return parseErrors;
        var errors = new List<string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The team's purchase row, locked: two invitation lists for one team are counted one after the other.
        var team = await db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {purchaseId} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(ct);
        if (team is null || team.UserId != ownerId || team.BulkCouponId is not { } couponId || !PurchaseStatus.GrantsAccess(team.Status))
            return ["That is not one of your teams."];
        var coupon = await db.Coupons.AsNoTracking().SingleAsync(c => c.Id == couponId, ct);
        var normalized = addresses.Select(a => a.ToUpperInvariant()).ToList();
        var pending = await db.TeamInvitations.Where(i => i.BulkPurchaseId == purchaseId && i.ClaimedAt == null && i.RevokedAt == null)
            .Select(i => i.NormalizedEmail).ToListAsync(ct);
        var members = await db.Purchases.Where(p => p.RedeemedBulkCouponId == couponId).Join(db.Users, p => p.UserId, u => u.Id, (_, u) => u.NormalizedEmail).ToListAsync(ct);
        errors.AddRange(addresses.Where((_, i) => pending.Contains(normalized[i])).Select(a => $"Already invited: {a}"));
        errors.AddRange(addresses.Where((_, i) => members.Contains(normalized[i])).Select(a => $"Already in the team: {a}"));
        var left = coupon.MaxUses - coupon.UsedCount - pending.Count;
        if (addresses.Count > left) errors.Add($"You have {Math.Max(0, left)} seat{(left == 1 ? "" : "s")} left to give, and listed {addresses.Count} addresses.");
        if (errors.Count > 0) return errors;

        var now = clock.GetUtcNow();
        foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
        {
            var invitation = new TeamInvitation
            {
                Id = Guid.NewGuid(), BulkPurchaseId = purchaseId, Email = address, NormalizedEmail = normalized[i], Token = Security.LinkTokens.New(),
                InvitedById = ownerId, CreatedAt = now,
            };
            db.TeamInvitations.Add(invitation);
            outbox.Add(db, TeamMailKinds.Invitation, address, new TeamInvitationRequest(invitation.Id));
        }
        db.AuditEntries.Add(AuditTrail.Entry(ownerId, "team.invite", "purchase", purchaseId, null, new { invited = addresses }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(ownerId, ct); // seats left to invite with (CanInviteTeam)
        return [];
    }

    /// <summary>Withdraws an invitation not yet taken; its seat is free again. False when it is not the caller's or not pending.</summary>
    public async Task<bool> RevokeAsync(Guid ownerId, Guid invitationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var revoked = await db.TeamInvitations
            .Where(i => i.Id == invitationId && i.ClaimedAt == null && i.RevokedAt == null)
            .Where(i => db.Purchases.Any(p => p.Id == i.BulkPurchaseId && p.UserId == ownerId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        if (revoked == 0) return false;
        await invalidator.UserChangedAsync(ownerId, ct);
        return true;
    }

    /// <summary>
    /// Ends a member's seat: its access is revoked (as a refund would), the seat record goes and the seat returns
    /// to the team. False when the member holds no seat of the caller's team.
    /// </summary>
    public async Task<bool> RemoveMemberAsync(Guid ownerId, Guid purchaseId, Guid memberId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var team = await db.Purchases.FromSql($"SELECT * FROM purchases WHERE id = {purchaseId} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(ct);
        if (team is null || team.UserId != ownerId || team.BulkCouponId is not { } couponId) return false;
        var seat = await db.Purchases.AsNoTracking().SingleOrDefaultAsync(p => p.RedeemedBulkCouponId == couponId && p.UserId == memberId, ct);
        if (seat is null) return false;
        var now = clock.GetUtcNow();
        await effects.RevokeAsync(db, seat.Id, ct);
        await db.Purchases.Where(p => p.Id == seat.Id).ExecuteDeleteAsync(ct);
        await db.Coupons.Where(c => c.Id == couponId && c.UsedCount > 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount - 1), ct);
        db.AuditEntries.Add(AuditTrail.Entry(ownerId, "team.remove", "purchase", purchaseId, new { member = memberId, seat = seat.Id }, null, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.UserChangedAsync(memberId, ct);
        await invalidator.UserChangedAsync(ownerId, ct);
        return true;
    }

    /// <summary>The buyer takes one of their own seats (through the team's seat code, like anyone else).</summary>
    public async Task<RedeemOutcome> ClaimOwnSeatAsync(Guid ownerId, Guid purchaseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = await db.Purchases.Where(p => p.Id == purchaseId && p.UserId == ownerId)
            .Join(db.Coupons, p => p.BulkCouponId, c => c.Id, (_, c) => c.Code).SingleOrDefaultAsync(ct);
        return code is null ? RedeemOutcome.NotFound : await seats.RedeemAsync(ownerId, code, ct: ct);
    }

    /// <summary>The invitation behind a link (pending or not), with its team; null for anything else.</summary>
    public async Task<InvitationView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (token is not { Length: > 0 and <= 64 }) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from i in db.TeamInvitations
                      where i.Token == token
                      join p in db.Purchases on i.BulkPurchaseId equals p.Id
                      join product in db.Products on p.ProductId equals product.Id
                      join c in db.Coupons on p.BulkCouponId equals c.Id
                      join inviter in db.Users on i.InvitedById equals inviter.Id
                      select new InvitationView(i.Id, i.Email, product.Name, inviter.Name ?? inviter.Email ?? "", c.Code!, i.ClaimedAt == null && i.RevokedAt == null,
                          p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The signed-in learner accepts: the invitation is taken and its seat given, in one transaction.</summary>
    public async Task<AcceptOutcome> AcceptAsync(Guid userId, string? token, CancellationToken ct = default)
    {
        if (await FindAsync(token, ct) is not { IsPending: true, TeamActive: true } invitation) return AcceptOutcome.NotFound;
        return await seats.RedeemAsync(userId, invitation.SeatCode, invitation.Id, ct) switch
        {
            RedeemOutcome.Redeemed => AcceptOutcome.Accepted,
            RedeemOutcome.AlreadyRedeemed => AcceptOutcome.AlreadyMember,
            RedeemOutcome.NoSeatsLeft => AcceptOutcome.NoSeatsLeft,
            _ => AcceptOutcome.NotFound,
        };
    }

}

public sealed record InvitationView(Guid Id, string Email, string ProductName, string InvitedBy, string SeatCode, bool IsPending, bool TeamActive);
