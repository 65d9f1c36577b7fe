using Antonio.Data;

namespace Antonio.Web.Access;

/// <summary>
/// Personal data another feature keeps about a user (progress, certificates): part of the "download my
/// data" file, and erased or anonymised when the account is deleted — inside the deletion's transaction,
/// so an account is never left half-deleted.
/// </summary>
public interface IPersonalData
{
    /// <summary>The section's name in the exported file.</summary>
    string Section { get; }

    Task<object> ExportAsync(AntonioDbContext db, Guid userId, CancellationToken ct);

    Task EraseAsync(AntonioDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct);
}
