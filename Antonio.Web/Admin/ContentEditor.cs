using Antonio.Data;
using Antonio.Data.Content;
using Antonio.Web.Caching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Admin;

public enum EditOutcome { Saved, NotFound, Conflict, SlugTaken }

/// <summary>
/// Edits a content resource's fields: the write path the admin forms call. Optimistic concurrency on
/// PostgreSQL's xmin (a stale form is told, never silently overwritten), then cache invalidation by
/// tag so every node shows the edit on the next request.
/// </summary>
public sealed class ContentEditor(IDbContextFactory<AntonioDbContext> dbFactory, CacheInvalidator invalidator, TimeProvider clock)
{
    /// <param name="expectedVersion">The version the editor loaded; null to edit whatever is current.</param>
    public async Task<EditOutcome> UpdateFieldsAsync(Guid id, uint? expectedVersion, Action<ContentFields> change, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await db.ContentResources.AsTracking().SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, ct);
        if (resource is null) return EditOutcome.NotFound;
        if (expectedVersion is { } expected)
        {
            if (expected != resource.Version) return EditOutcome.Conflict;
            db.Entry(resource).Property(r => r.Version).OriginalValue = expected;
        }
        var fields = ContentFields.From(resource.Fields);
        change(fields);
        resource.Fields = fields.ToDocument();
        resource.UpdatedAt = clock.GetUtcNow();
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
