using Antonio.Data.Content;
using Antonio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Progress;

internal sealed class ResourceProgressTable : IEntityTypeConfiguration<ResourceProgress>
{
    public void Configure(EntityTypeBuilder<ResourceProgress> e)
    {
        e.ToTable("resource_progress");
        // The primary key (user_id, resource_id) is the index progress reads use.
        e.HasKey(x => new { x.UserId, x.ResourceId });
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateTable : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.ToTable("certificates");
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.RecipientName).HasMaxLength(200);
        e.Property(x => x.WorkshopTitle).HasMaxLength(500);
        e.Property(x => x.RevokedReason).HasMaxLength(32);
        e.HasIndex(x => x.Code).IsUnique();
        // One valid certificate per learner and workshop; a revoked one may be earned again.
        e.HasIndex(x => new { x.UserId, x.WorkshopId }).IsUnique().HasFilter("revoked_at IS NULL");
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.WorkshopId).OnDelete(DeleteBehavior.Cascade);
    }
}
