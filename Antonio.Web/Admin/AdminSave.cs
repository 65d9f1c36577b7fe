using Antonio.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Web.Admin;

public enum EditOutcome { Saved, NotFound, Conflict, SlugTaken, InvalidSlug, NotAllowedHere, CodeTaken }

/// <summary>Commits an admin write and names what the database refused, so the form can say it.</summary>
internal static class AdminSave
{
    /// <param name="onDuplicate">What a unique-index violation means here (a slug or a coupon code in use).</param>
    public static async Task<EditOutcome> SaveAsync(AntonioDbContext db, EditOutcome onDuplicate, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return EditOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditOutcome.Conflict;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return onDuplicate;
        }
    }
}
