using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Admin;

internal sealed class AuditEntryTable : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.Property(x => x.Action).HasMaxLength(64);
        e.Property(x => x.EntityType).HasMaxLength(32);
        e.Property(x => x.Before).HasColumnType("jsonb");
        e.Property(x => x.After).HasColumnType("jsonb");
        // The admin history of one entity, newest first.
        e.HasIndex(x => new { x.EntityId, x.CreatedAt });
    }
}
