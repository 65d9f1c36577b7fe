using System.Text.Json;
using System.Text.Json.Nodes;
using Antonio.Data;
using Antonio.Data.Content;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

/// <summary>
/// Changes a workshop's shape: reorder children, mark a link free, remove (soft delete) an item with
/// everything under it. Each change writes its audit row in the same transaction and then drops the
/// cache entries of the item and every workshop above it, so learners see the new shape at once.
/// </summary>
public sealed class StructureEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    /// <summary>Swaps a child with its previous (<paramref name="offset"/> = -1) or next (+1) live sibling.</summary>
    public async Task<EditOutcome> MoveAsync(Guid parentId, Guid childId, int offset, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var siblings = await db.ContentLinks.AsTracking()
            .Where(l => l.ParentId == parentId)
            .Join(db.ContentResources.Where(r => r.DeletedAt == null), l => l.ChildId, r => r.Id, (l, r) => new { Link = l, r.Type })
            .OrderBy(x => x.Link.Position).ToListAsync(ct);
        var index = siblings.FindIndex(x => x.Link.ChildId == childId);
        if (index < 0) return EditOutcome.NotFound;
        // Lessons' solutions and videos are not reordered among themselves: only structural siblings move.
        var movable = siblings.Where(x => x.Type is ContentTypes.Section or ContentTypes.Lesson).Select(x => x.Link).ToList();
        var at = movable.FindIndex(l => l.ChildId == childId);
        var other = at + Math.Sign(offset);
        if (at < 0 || other < 0 || other >= movable.Count) return EditOutcome.NotAllowedHere;
        var (a, b) = (movable[at], movable[other]);
        (a.Position, b.Position) = (b.Position, a.Position);
        if (a.Position == b.Position) a.Position += Math.Sign(offset) * 0.5; // equal positions (legacy data) still move
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "content.reorder", "content_link", childId,
            new { parentId, position = b.Position }, new { parentId, position = a.Position }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await invalidator.ContentChangedAsync(parentId, ct);
        return EditOutcome.Saved;
    }

    /// <summary>Sets or clears <c>metadata.tier = "free"</c> on the parent→child link (docs/domain.md, content), keeping its other metadata.</summary>
    public async Task<EditOutcome> SetFreeAsync(Guid parentId, Guid childId, bool free, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.ContentLinks.AsTracking().SingleOrDefaultAsync(l => l.ParentId == parentId && l.ChildId == childId, ct);
        if (link is null) return EditOutcome.NotFound;
        var before = link.Metadata is null ? new JsonObject() : JsonNode.Parse(link.Metadata.RootElement.GetRawText())!.AsObject();
        var after = before.DeepClone().AsObject();
        if (free) after["tier"] = LinkTiers.Free;
        else if (after["tier"]?.GetValue<string>() == LinkTiers.Free) after.Remove("tier");
        link.Metadata = after.Count == 0 ? null : JsonDocument.Parse(after.ToJsonString());
        db.AuditEntries.Add(AuditTrail.Entry(actorId, free ? "content.free" : "content.unfree", "content_link", childId,
            new { parentId, metadata = before }, new { parentId, metadata = after }, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await invalidator.ContentChangedAsync(childId, ct);
        return EditOutcome.Saved;
    }

    /// <summary>
    /// Soft-deletes a resource and everything below it (a section's lessons, a lesson's solution and
    /// video), so nothing under a removed item stays reachable by URL. Rows and links are kept for the
    /// audit trail and a possible restore.
    /// </summary>
    public async Task<EditOutcome> RemoveAsync(Guid id, Guid? actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await db.ContentResources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, ct);
        if (resource is null) return EditOutcome.NotFound;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var below = await db.Database.SqlQueryRaw<Guid>("""
            WITH RECURSIVE down(id, depth) AS (
              SELECT {0}::uuid, 0
              UNION
              SELECT l.child_id, down.depth + 1 FROM content_links l JOIN down ON l.parent_id = down.id WHERE down.depth < 4
            )
            SELECT id AS "Value" FROM down
            """, id).ToListAsync(ct);
        await db.ContentResources.Where(r => below.Contains(r.Id) && r.DeletedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeletedAt, now).SetProperty(r => r.UpdatedAt, now), ct);
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "content.remove", resource.Type, id, resource.Fields, new { removed = below }, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await invalidator.ContentChangedAsync(id, ct);
        return EditOutcome.Saved;
    }
}
