using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Content;

internal sealed class ContentResourceTable : IEntityTypeConfiguration<ContentResource>
{
    public void Configure(EntityTypeBuilder<ContentResource> e)
    {
        e.ToTable("content_resources");
        e.Property(x => x.Type).HasMaxLength(32);
        e.Property(x => x.Fields).HasColumnType("jsonb");
        e.Property(x => x.Version).IsRowVersion();
        // The (type, fields->>'slug') unique index and (type, fields->>'state') index are
        // expression indexes EF cannot model; they are created in the InitialSchema migration.
        e.HasIndex(x => x.CreatedById);
    }
}

internal sealed class ContentLinkTable : IEntityTypeConfiguration<ContentLink>
{
    public void Configure(EntityTypeBuilder<ContentLink> e)
    {
        e.ToTable("content_links");
        e.HasKey(x => new { x.ParentId, x.ChildId });
        e.Property(x => x.Metadata).HasColumnType("jsonb");
        // Reverse lookups (which workshop holds this lesson) for invalidation and admin.
        e.HasIndex(x => x.ChildId);
        e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Cascade);
    }
}
