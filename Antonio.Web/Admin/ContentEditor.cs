using Antonio.Data;
using Antonio.Data.Admin;
using Antonio.Data.Content;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Admin;

public enum EditOutcome { Saved, NotFound, Conflict, SlugTaken, InvalidSlug }

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
    public async Task<EditOutcome> UpdateFieldsAsync(Guid id, uint? expectedVersion, Action<ContentFields> change,
        Guid? actorId = null, CancellationToken ct = default)
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
        db.AuditEntries.Add(new AuditEntry
        {
            UserId = actorId, Action = "content.update", EntityType = resource.Type, EntityId = resource.Id,
            Before = before, After = resource.Fields, CreatedAt = resource.UpdatedAt,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditOutcome.Conflict;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return EditOutcome.SlugTaken;
        }
        await invalidator.ContentChangedAsync(id, ct);
        return EditOutcome.Saved;
    }
}
