using Antonio.Data;
using Antonio.Data.Commerce;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Commerce;

/// <summary>The outbox kinds a purchase transfer queues, in the transaction that makes or accepts the offer.</summary>
public static class TransferMailKinds
{
    /// <summary>To the offered address: what is offered, by whom, and the link that accepts it.</summary>
    public const string Offer = "transfer-offer";
    /// <summary>To the sender: the offer was accepted, and their access from the purchase ended.</summary>
    public const string Accepted = "transfer-accepted";
}

public sealed record TransferMailRequest(Guid TransferId);

/// <summary>
/// A transfer offer. The sender's name (theirs to choose) only in the body, encoded; the subject is the site's own
/// wording. The link accepts nothing by being opened: the recipient signs in and presses a button.
/// </summary>
public sealed class TransferOfferMail(IDbContextFactory<AntonioDbContext> dbFactory, SiteUrls urls, MailRenderer renderer, TimeProvider clock) : IMailComposer
{
    public string Kind => TransferMailKinds.Offer;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<TransferMailRequest>(message) is not { } request) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var offer = await (from t in db.PurchaseTransfers.Where(PurchaseTransfer.PendingAt(now))
                           where t.Id == request.TransferId
                           join p in db.Purchases on t.PurchaseId equals p.Id
                           join product in db.Products on p.ProductId equals product.Id
                           join sender in db.Users on t.FromUserId equals sender.Id
                           select new { t.Token, t.ExpiresAt, Product = product.Name, Sender = sender.Name ?? sender.Email }).SingleOrDefaultAsync(ct);
        if (offer is null) return null; // cancelled (or taken) before it was sent: nothing to say
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "A workshop purchase was offered to you",
            Heading = "Someone is giving you a workshop",
            Intro = [$"{offer.Sender} offers you their purchase of {offer.Product} on Antonio Workshops."],
            Action = new MailAction("Accept the purchase", urls.Absolute(TransferLinks.Accept(offer.Token)),
                $"Sign in or create an account with this address, then accept, before {offer.ExpiresAt:MMMM d, yyyy} ({offer.ExpiresAt:HH:mm} UTC)."),
            Outro = ["Not expecting this? Ignore this e-mail: nothing changes unless you accept."],
        });
    }
}

/// <summary>To the sender, once their offer was accepted.</summary>
public sealed class TransferAcceptedMail(IDbContextFactory<AntonioDbContext> dbFactory, MailRenderer renderer) : IMailComposer
{
    public string Kind => TransferMailKinds.Accepted;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<TransferMailRequest>(message) is not { } request) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var transfer = await (from t in db.PurchaseTransfers
                              where t.Id == request.TransferId && t.AcceptedAt != null
                              join p in db.Purchases on t.PurchaseId equals p.Id
                              join product in db.Products on p.ProductId equals product.Id
                              select new { t.Email, Product = product.Name }).SingleOrDefaultAsync(ct);
        if (transfer is null) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Your workshop purchase was accepted",
            Heading = "Your purchase has a new owner",
            Intro = [$"{transfer.Email} accepted your purchase of {transfer.Product}. Its lessons are theirs now, and no longer open to you through it."],
            Outro = ["Your invoice for it stays yours. If this was not you, write to us: an admin can undo a transfer."],
        });
    }
}
