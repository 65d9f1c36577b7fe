using Antonio.Data;
using Antonio.Data.Mail;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Access;

/// <summary>
/// An invitation to a team seat: who invites, to what, and the link that takes the seat (no sign-in credential in it).
/// The inviter's name (theirs to choose) appears only in the body, encoded; the subject is the site's own wording.
/// </summary>
public sealed class TeamInvitationMail(IDbContextFactory<AntonioDbContext> dbFactory, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => TeamMailKinds.Invitation;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<TeamInvitationRequest>(message) is not { } request) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await (from i in db.TeamInvitations
                                where i.Id == request.InvitationId && i.ClaimedAt == null && i.RevokedAt == null
                                join p in db.Purchases on i.BulkPurchaseId equals p.Id
                                join product in db.Products on p.ProductId equals product.Id
                                join inviter in db.Users on i.InvitedById equals inviter.Id
                                select new { i.Token, Product = product.Name, Inviter = inviter.Name ?? inviter.Email }).SingleOrDefaultAsync(ct);
        if (invitation is null) return null; // revoked (or taken) before it was sent: nothing to say
        return await renderer.RenderAsync(new MailContent
        {
            // A fixed subject: the inviter's name is theirs to choose, and a subject line is where phishing text works best.
            Subject = $"You're invited to a team seat of {invitation.Product}",
            Heading = "You're invited to learn with your team",
            Intro = [$"{invitation.Inviter} has a seat of {invitation.Product} on Antonio Workshops for you."],
            Action = new MailAction("Accept the invitation", urls.Absolute(TeamLinks.Join(invitation.Token)),
                "Sign in, or create a free account with any address, then accept: the lessons open at once."),
            Outro = ["Not expecting this? Ignore this e-mail: the seat stays with the team."],
        });
    }
}

/// <summary>To the team's buyer, when someone takes one of their seats.</summary>
public sealed class SeatClaimedMail(IDbContextFactory<AntonioDbContext> dbFactory, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => TeamMailKinds.SeatClaimed;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<SeatClaimedNotice>(message) is not { } notice) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await (from p in db.Purchases
                          where p.Id == notice.BulkPurchaseId
                          join product in db.Products on p.ProductId equals product.Id
                          join c in db.Coupons on p.BulkCouponId equals c.Id
                          select new { Product = product.Name, c.MaxUses, c.UsedCount }).SingleOrDefaultAsync(ct);
        var member = await db.Users.Where(u => u.Id == notice.MemberId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (team is null || member is null) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = $"A seat of your team for {team.Product} was claimed",
            Heading = "A seat was claimed",
            Intro = [$"{member} took a seat of {team.Product}."],
            Details = [new MailDetail("Seats used", $"{team.UsedCount} of {team.MaxUses}")],
            Action = new MailAction("Manage your team", urls.Absolute("/team")),
        });
    }
}

/// <summary>
/// To the learner who took a seat: whose team it is, what it opens, and — for a cohort that has not opened yet — when
/// (the team variant of the buyer's welcome, <c>PurchaseReceiptMail</c>).
/// </summary>
public sealed class SeatWelcomeMail(IDbContextFactory<AntonioDbContext> dbFactory, SiteUrls urls, MailRenderer renderer, TimeProvider clock) : IMailComposer
{
    public string Kind => TeamMailKinds.SeatWelcome;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<SeatClaimedNotice>(message) is not { } notice) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await (from p in db.Purchases
                          where p.Id == notice.BulkPurchaseId
                          join product in db.Products on p.ProductId equals product.Id
                          join owner in db.Users on p.UserId equals owner.Id
                          select new { product.Id, Product = product.Name, Owner = owner.Name ?? owner.Email }).SingleOrDefaultAsync(ct);
        if (team is null) return null;
        var workshops = await Antonio.Data.Content.ProductWorkshopsQuery.LoadAsync(db, team.Id, ct);
        var now = clock.GetUtcNow();
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Welcome to your team's seat",
            Heading = Content.CohortDates.Upcoming(workshops, now) is null ? "Your seat is ready" : "Welcome to the cohort!",
            Intro = [$"{team.Owner} gave you a seat of {team.Product}.", Content.CohortDates.WhatOpens(workshops, now)],
            Action = new MailAction("Go to your workshops", urls.Absolute("/dashboard")),
        });
    }
}

/// <summary>Team addresses, in one place.</summary>
public static class TeamLinks
{
    public static string Join(string token) => "/team/join/" + token;
}

/// <summary>To a learner whose team seat ended because the team's purchase was refunded or disputed.</summary>
public sealed class SeatEndedMail(IDbContextFactory<AntonioDbContext> dbFactory, SiteUrls urls, MailRenderer renderer) : IMailComposer
{
    public string Kind => TeamMailKinds.SeatEnded;

    public async Task<ComposedMail?> ComposeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Outbox.Payload<SeatEndedNotice>(message) is not { } notice) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.Where(p => p.Id == notice.ProductId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        if (product is null) return null;
        return await renderer.RenderAsync(new MailContent
        {
            Subject = "Your team seat has ended",
            Heading = "Your team seat has ended",
            Intro = [$"The purchase that gave your team its seats of {product} was refunded or disputed, so your seat, and the access it gave, have ended."],
            Outro = ["Any certificates earned through that seat are no longer valid. Your account, and anything else you own, stay as they are.",
                     $"Questions? Reply to this e-mail or write to us from {urls.Base}."],
        });
    }
}
