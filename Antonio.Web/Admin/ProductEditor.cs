using Antonio.Data;
using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

public sealed record AdminProductRow(Guid Id, string Name, string Type, bool Active, long? UnitAmountCents, int Workshops);

public sealed record AdminOption(Guid Id, string Label);

/// <summary>
/// Reads and writes products with their current price, the workshops they sell and the products that
/// upgrade to them. A price change adds a new price row (old ones stay, so history stays true).
/// Saves check the product's xmin, write an audit row and drop the cache of the product and of every
/// workshop that sells it, before or after the change.
/// </summary>
public sealed class ProductEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    private sealed record Snapshot(string Name, string Type, bool Active, long? UnitAmountCents, Guid[] WorkshopIds, Guid[] UpgradableFromIds,
        string? Slug, string? Description);

    public async Task<IReadOnlyList<AdminProductRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new AdminProductRow(p.Id, p.Name, p.Type, p.Status == RecordStatus.Active,
                db.Prices.Where(pr => pr.ProductId == p.Id && pr.Status == RecordStatus.Active).OrderByDescending(pr => pr.CreatedAt).Select(pr => (long?)pr.UnitAmountCents).FirstOrDefault(),
                db.ContentProducts.Count(cp => cp.ProductId == p.Id)))
            .ToListAsync(ct);
    }

    /// <summary>Products to choose from (upgradable-from, a coupon's restriction).</summary>
    public async Task<IReadOnlyList<AdminOption>> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new AdminOption(p.Id, p.Name)).ToListAsync(ct);
    }

    public async Task<(ProductForm Form, uint Version)?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return null;
        var snapshot = await SnapshotAsync(db, product, ct);
        return (new ProductForm
        {
            Name = snapshot.Name, Type = snapshot.Type, Active = snapshot.Active, UnitAmount = snapshot.UnitAmountCents / 100m,
            Slug = product.Slug, Description = product.Description,
            Openings = [.. (await db.ContentResources.AsNoTracking().Where(r => snapshot.WorkshopIds.Contains(r.Id)).ToListAsync(ct))
                .Select(r => new OpeningInput { WorkshopId = r.Id, OpensAt = ContentFields.From(r.Fields).StartsAt })],
            WorkshopIds = [.. snapshot.WorkshopIds], UpgradableFromIds = [.. snapshot.UpgradableFromIds],
            Live = await db.LiveSessions.AsNoTracking().Where(l => l.ProductId == id)
                .Select(l => new LiveInput { StartsAt = l.StartsAt, EndsAt = l.EndsAt, TimeZone = l.TimeZone, Capacity = l.Capacity, JoinUrl = l.JoinUrl })
                .SingleOrDefaultAsync(ct) ?? new LiveInput(),
        }, product.Version);
    }

    /// <param name="id">null to create.</param>
    /// <param name="expectedVersion">The version the form loaded (ignored when creating).</param>
    public async Task<(EditOutcome Outcome, Guid? Id)> SaveAsync(Guid? id, uint? expectedVersion, ProductForm form, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        Product product;
        Snapshot? before = null;
        if (id is { } existing)
        {
            var found = await db.Products.AsTracking().SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (found is null) return (EditOutcome.NotFound, null);
            if (expectedVersion is { } expected)
            {
                if (expected != found.Version) return (EditOutcome.Conflict, null);
                db.Entry(found).Property(p => p.Version).OriginalValue = expected;
            }
            product = found;
            before = await SnapshotAsync(db, product, ct);
            // Always rewrite the row, so its xmin moves even when only the price or links change.
            db.Entry(product).State = EntityState.Modified;
        }
        else
        {
            product = new Product { Id = Guid.NewGuid(), CreatedAt = now };
            db.Products.Add(product);
        }
        product.Name = form.Name.Trim();
        product.Type = form.Type;
        product.Status = form.Active ? 1 : 0;
        product.Slug = string.IsNullOrWhiteSpace(form.Slug) ? null : form.Slug.Trim();
        product.Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim();
        if (before?.UnitAmountCents != form.UnitAmountCents)
        {
            await db.Prices.Where(p => p.ProductId == product.Id && p.Status == RecordStatus.Active).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, RecordStatus.Archived), ct);
            db.Prices.Add(new Price { Id = Guid.NewGuid(), ProductId = product.Id, UnitAmountCents = form.UnitAmountCents, CreatedAt = now });
        }
        var workshops = form.WorkshopIds.Distinct().ToArray();
        var upgradableFrom = form.UpgradableFromIds.Where(p => p != product.Id).Distinct().ToArray();
        if (await db.ContentResources.CountAsync(r => workshops.Contains(r.Id) && r.Type == ContentTypes.Workshop && r.DeletedAt == null, ct) != workshops.Length
            || await db.Products.CountAsync(p => upgradableFrom.Contains(p.Id), ct) != upgradableFrom.Length)
            return (EditOutcome.NotFound, null);
        await ReplaceLinksAsync(db, product.Id, workshops, upgradableFrom, ct);
        if (product.Type == ProductTypes.Cohort) await ScheduleAsync(db, form, workshops, actorId, now, ct);
        await SessionAsync(db, product, form.Live, actorId, now, ct);
        var holders = product.Type == ProductTypes.Live && !workshops.ToHashSet().SetEquals(before?.WorkshopIds ?? [])
            ? await RecordingsAsync(db, product.Id, workshops, ct) : [];
        var after = new Snapshot(product.Name, product.Type, form.Active, form.UnitAmountCents, workshops, upgradableFrom, product.Slug, product.Description);
        db.AuditEntries.Add(AuditTrail.Entry(actorId, before is null ? "product.create" : "product.update", "product", product.Id, before, after, now));
        // The one unique index a product's row has is its page address.
        var outcome = await AdminSave.SaveAsync(db, EditOutcome.SlugTaken, ct);
        if (outcome != EditOutcome.Saved) return (outcome, null); // the transaction rolls back, the price change with it
        await tx.CommitAsync(ct);
        await invalidator.ProductChangedAsync(product.Id, ct);
        foreach (var workshop in workshops.Union(before?.WorkshopIds ?? [])) await invalidator.ContentChangedAsync(workshop, ct);
        foreach (var holder in holders) await invalidator.UserChangedAsync(holder, ct);
        return (outcome, product.Id);
    }

    /// <summary>
    /// A live session's recording is a workshop its ticket sells, usually attached after the session: every ticket held
    /// now — bought, or a team seat taken — opens exactly the workshops the product sells from this save on (the
    /// entitlements its purchases made, rewritten in the product's transaction), so the recording's lessons are read
    /// under the lessons' own access rules. A refunded ticket's entitlements were removed and stay so.
    /// </summary>
    /// <returns>The holders whose access changed (their cached access is dropped after the commit).</returns>
    private static async Task<List<Guid>> RecordingsAsync(AntonioDbContext db, Guid productId, Guid[] workshops, CancellationToken ct)
    {
        var tickets = await db.Purchases.Where(p => p.ProductId == productId && (p.Status == PurchaseStatus.Valid || p.Status == PurchaseStatus.Restricted))
            .Select(p => new { p.Id, p.UserId }).ToListAsync(ct);
        var ids = tickets.Select(t => t.Id).ToList();
        await db.Entitlements.Where(e => e.SourceType == EntitlementSources.Purchase && ids.Contains(e.SourceId!.Value) && e.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ContentIds, workshops), ct);
        return [.. tickets.Select(t => t.UserId).Distinct()];
    }

    /// <summary>
    /// A cohort's schedule is its workshops' starts (the one place that date lives: access, the "now open" e-mail and the
    /// pages read it there), written in the product's transaction, each change audited on the workshop.
    /// </summary>
    private static async Task ScheduleAsync(AntonioDbContext db, ProductForm form, Guid[] workshops, Guid? actorId, DateTimeOffset now, CancellationToken ct)
    {
        var sold = await db.ContentResources.AsTracking().Where(r => workshops.Contains(r.Id)).ToListAsync(ct);
        foreach (var resource in sold)
        {
            if (form.Openings.Find(o => o.WorkshopId == resource.Id) is not { } opening) continue;
            var fields = ContentFields.From(resource.Fields);
            if (fields.StartsAt == opening.Utc) continue;
            var before = resource.Fields;
            fields.StartsAt = opening.Utc;
            resource.Fields = fields.ToDocument();
            resource.UpdatedAt = now;
            db.AuditEntries.Add(AuditTrail.Entry(actorId, "cohort.schedule", resource.Type, resource.Id, before, resource.Fields, now));
        }
    }

    /// <summary>
    /// A live product's session, written in the product's transaction and audited (live.session); a product that is no
    /// longer live loses it. The join address is audited as set or not, never copied into the log.
    /// </summary>
    private static async Task SessionAsync(AntonioDbContext db, Product product, LiveInput form, Guid? actorId, DateTimeOffset now, CancellationToken ct)
    {
        var session = await db.LiveSessions.AsTracking().SingleOrDefaultAsync(l => l.ProductId == product.Id, ct);
        object? Audited(LiveSession? s) => s is null ? null : new { s.StartsAt, s.EndsAt, s.TimeZone, s.Capacity, joinUrlSet = !string.IsNullOrEmpty(s.JoinUrl) };
        var before = Audited(session);
        if (product.Type != ProductTypes.Live)
        {
            if (session is null) return;
            db.LiveSessions.Remove(session);
        }
        else
        {
            if (session is null) db.LiveSessions.Add(session = new LiveSession { ProductId = product.Id });
            session.StartsAt = form.StartsUtc!.Value;
            session.EndsAt = form.EndsUtc!.Value;
            session.TimeZone = form.TimeZone.Trim();
            session.Capacity = form.Capacity;
            session.JoinUrl = string.IsNullOrWhiteSpace(form.JoinUrl) ? null : form.JoinUrl.Trim();
        }
        var after = Audited(product.Type == ProductTypes.Live ? session : null);
        if (System.Text.Json.JsonSerializer.Serialize(before) != System.Text.Json.JsonSerializer.Serialize(after))
            db.AuditEntries.Add(AuditTrail.Entry(actorId, "live.session", "product", product.Id, before, after, now));
    }

    private static async Task ReplaceLinksAsync(AntonioDbContext db, Guid productId, Guid[] workshops, Guid[] upgradableFrom, CancellationToken ct)
    {
        var sold = await db.ContentProducts.AsTracking().Where(cp => cp.ProductId == productId).ToListAsync(ct);
        db.ContentProducts.RemoveRange(sold.Where(cp => !workshops.Contains(cp.ResourceId)));
        var position = sold.Count == 0 ? 0 : sold.Max(cp => cp.Position);
        foreach (var workshop in workshops.Where(w => sold.All(cp => cp.ResourceId != w)))
            db.ContentProducts.Add(new ContentProduct { ProductId = productId, ResourceId = workshop, Position = ++position });
        var upgrades = await db.UpgradableProducts.AsTracking().Where(u => u.UpgradableToId == productId).ToListAsync(ct);
        db.UpgradableProducts.RemoveRange(upgrades.Where(u => !upgradableFrom.Contains(u.UpgradableFromId)));
        foreach (var from in upgradableFrom.Where(f => upgrades.All(u => u.UpgradableFromId != f)))
            db.UpgradableProducts.Add(new UpgradableProduct { UpgradableFromId = from, UpgradableToId = productId });
    }

    private static async Task<Snapshot> SnapshotAsync(AntonioDbContext db, Product product, CancellationToken ct)
    {
        var price = await db.Prices.Where(p => p.ProductId == product.Id && p.Status == RecordStatus.Active).OrderByDescending(p => p.CreatedAt)
            .Select(p => (long?)p.UnitAmountCents).FirstOrDefaultAsync(ct);
        var workshops = await db.ContentProducts.Where(cp => cp.ProductId == product.Id).OrderBy(cp => cp.Position).Select(cp => cp.ResourceId).ToArrayAsync(ct);
        var from = await db.UpgradableProducts.Where(u => u.UpgradableToId == product.Id).Select(u => u.UpgradableFromId).ToArrayAsync(ct);
        return new Snapshot(product.Name, product.Type, product.Status == RecordStatus.Active, price, workshops, from, product.Slug, product.Description);
    }
}
