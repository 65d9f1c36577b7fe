using Antonio.Data;
using Antonio.Data.Content;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Admin;

/// <summary>A resource as the editor loads it: its fields, version, where it sits, and what is under it.</summary>
public sealed record AdminContent(
    Guid Id, string Type, uint Version, ContentFields Fields,
    IReadOnlyList<AdminContentRef> Ancestors, WorkshopData? Tree, IReadOnlyList<AdminContentRef> Children);

public sealed record AdminContentRef(Guid Id, string Type, string Title, string Slug, string State);

public sealed record AdminWorkshopRow(Guid Id, string Title, string Slug, string State, string Visibility, DateTimeOffset UpdatedAt);

/// <summary>
/// The admin area's reads. Uncached on purpose: an editor must see the database as it is now, and
/// these pages are few and light next to the learner pages.
/// </summary>
public sealed class AdminContentReader(IDbContextFactory<AntonioDbContext> dbFactory)
{
    public const int MaxSearchLength = 200;

    public async Task<IReadOnlyList<AdminWorkshopRow>> WorkshopsAsync(string? search, string? state, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ContentResources.AsNoTracking().Where(r => r.Type == ContentTypes.Workshop && r.DeletedAt == null);
        if (state is not null) query = query.Where(r => r.Fields.RootElement.GetProperty("state").GetString() == state);
        if (search is { Length: > 0 and <= MaxSearchLength } q)
            query = query.Where(r => EF.Functions.ILike(r.Fields.RootElement.GetProperty("title").GetString()!, LikePattern.Contains(q)));
        var found = await query.OrderBy(r => r.CreatedAt).Take(500).Select(r => new { r.Id, r.Fields, r.UpdatedAt }).ToListAsync(ct);
        return found.Select(r =>
        {
            var f = ContentFields.From(r.Fields);
            return new AdminWorkshopRow(r.Id, f.Title ?? "(untitled)", f.Slug ?? "", f.State, f.Visibility, r.UpdatedAt);
        }).ToList();
    }

    /// <summary>Workshops to choose from (what a product sells, what a grant opens).</summary>
    public async Task<IReadOnlyList<AdminOption>> WorkshopOptionsAsync(CancellationToken ct = default) =>
        (await WorkshopsAsync(search: null, state: null, ct)).Select(w => new AdminOption(w.Id, w.Title)).ToList();

    public async Task<AdminContent?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var resource = await db.ContentResources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, ct);
        if (resource is null) return null;
        var ancestors = new List<AdminContentRef>();
        for (var child = id; ancestors.Count < 4;)
        {
            var parent = await ParentAsync(db, child, ct);
            if (parent is null) break;
            ancestors.Insert(0, parent);
            child = parent.Id;
        }
        var tree = resource.Type == ContentTypes.Workshop ? await WorkshopTreeQuery.LoadAsync(db, resource.Id.ToString(), ct) : null;
        var children = resource.Type is ContentTypes.Lesson or ContentTypes.Workshop ? await ChildrenAsync(db, id, ct) : [];
        return new AdminContent(resource.Id, resource.Type, resource.Version, ContentFields.From(resource.Fields), ancestors, tree, children);
    }

    private static async Task<AdminContentRef?> ParentAsync(AntonioDbContext db, Guid childId, CancellationToken ct)
    {
        var parent = await db.ContentLinks.AsNoTracking().Where(l => l.ChildId == childId)
            .Join(db.ContentResources.Where(r => r.DeletedAt == null), l => l.ParentId, r => r.Id, (l, r) => r)
            .FirstOrDefaultAsync(ct);
        return parent is null ? null : Ref(parent);
    }

    private static async Task<List<AdminContentRef>> ChildrenAsync(AntonioDbContext db, Guid parentId, CancellationToken ct)
    {
        var children = await db.ContentLinks.AsNoTracking().Where(l => l.ParentId == parentId)
            .Join(db.ContentResources.Where(r => r.DeletedAt == null), l => l.ChildId, r => r.Id, (l, r) => new { l.Position, Resource = r })
            .OrderBy(x => x.Position).Select(x => x.Resource).ToListAsync(ct);
        return children.Select(Ref).ToList();
    }

    private static AdminContentRef Ref(ContentResource r)
    {
        var f = ContentFields.From(r.Fields);
        return new AdminContentRef(r.Id, r.Type, f.Title ?? "(untitled)", f.Slug ?? "", f.State);
    }
}

/// <summary>A user's search text as an ILIKE pattern that matches it literally (no wildcards of their own).</summary>
public static class LikePattern
{
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
