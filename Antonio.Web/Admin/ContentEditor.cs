using Antonio.Data;
using Antonio.Data.Admin;
using Antonio.Data.Content;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

/// <summary>
/// Edits a content resource's fields: the write path the admin forms call. Validates the slug
/// (URL-safe; unique per type, enforced by the database), optimistic concurrency on PostgreSQL's xmin
/// (a stale form is told, never silently overwritten), an audit row with the fields before and after in
/// the same transaction, then cache invalidation by tag so every node shows the edit at once.
/// </summary>
public sealed class ContentEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    public const int MaxSlugLength = 200;

    /// <summary>Lower-case letters, digits and single hyphens between them: safe in a URL as it is.</summary>
    public static bool IsValidSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);

    /// <param name="expectedVersion">The version the editor loaded; null to edit whatever is current.</param>
    /// <param name="actorId">Who edits, for the audit row.</param>
    /// <param name="action">The audit action: content.update, or content.publish / content.archive … for the shortcuts.</param>
    public async Task<EditOutcome> UpdateFieldsAsync(Guid id, uint? expectedVersion, Action<ContentFields> change,
        Guid? actorId = null, string action = "content.update", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await db.ContentResources.AsTracking().SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, ct);
        if (resource is null) return EditOutcome.NotFound;
        if (expectedVersion is { } expected)
        {
            if (expected != resource.Version) return EditOutcome.Conflict;
            db.Entry(resource).Property(r => r.Version).OriginalValue = expected;
        }
        var before = resource.Fields;
        var fields = ContentFields.From(before);
        var oldSlug = fields.Slug;
        change(fields);
        if (fields.Slug != oldSlug && !IsValidSlug(fields.Slug)) return EditOutcome.InvalidSlug;
        resource.Fields = fields.ToDocument();
        resource.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditTrail.Entry(actorId, action, resource.Type, resource.Id, before, resource.Fields, resource.UpdatedAt));
        var outcome = await AdminSave.SaveAsync(db, EditOutcome.SlugTaken, ct);
        if (outcome == EditOutcome.Saved) await invalidator.ContentChangedAsync(id, ct);
        return outcome;
    }

    /// <summary>
    /// Creates a resource, linked last under <paramref name="parentId"/> when given (workshop → section or
    /// lesson, section → lesson, lesson → solution or video), in one transaction with its audit row.
    /// </summary>
    /// <param name="free">Link it with <c>metadata.tier = "free"</c> (docs/domain.md, content).</param>
    public async Task<(EditOutcome Outcome, Guid? Id)> CreateAsync(string type, ContentFields fields, Guid? parentId, Guid? actorId,
        bool free = false, CancellationToken ct = default)
    {
        if (!IsValidSlug(fields.Slug)) return (EditOutcome.InvalidSlug, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var resource = new ContentResource
        {
            Id = Guid.NewGuid(), Type = type, Fields = fields.ToDocument(), CreatedById = actorId, CreatedAt = now, UpdatedAt = now,
        };
        if (parentId is { } parent)
        {
            var parentType = await db.ContentResources.Where(r => r.Id == parent && r.DeletedAt == null).Select(r => r.Type).SingleOrDefaultAsync(ct);
            if (parentType is null) return (EditOutcome.NotFound, null);
            if (!ContentTypes.CanContain(parentType, type)) return (EditOutcome.NotAllowedHere, null);
            var last = await db.ContentLinks.Where(l => l.ParentId == parent).MaxAsync(l => (double?)l.Position, ct) ?? 0;
            db.ContentLinks.Add(new ContentLink
            {
                ParentId = parent, ChildId = resource.Id, Position = last + 1,
                Metadata = free ? System.Text.Json.JsonSerializer.SerializeToDocument(new { tier = LinkTiers.Free }) : null,
            });
        }
        else if (type != ContentTypes.Workshop) return (EditOutcome.NotAllowedHere, null);
        db.ContentResources.Add(resource);
        db.AuditEntries.Add(AuditTrail.Entry(actorId, "content.create", type, resource.Id, null, resource.Fields, now));
        var outcome = await AdminSave.SaveAsync(db, EditOutcome.SlugTaken, ct);
        if (outcome != EditOutcome.Saved) return (outcome, null);
        await invalidator.ContentChangedAsync(resource.Id, ct);
        return (outcome, resource.Id);
    }
}
