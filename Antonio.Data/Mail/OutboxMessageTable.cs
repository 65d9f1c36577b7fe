using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Mail;

internal sealed class OutboxMessageTable : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("email_outbox");
        e.Property(x => x.Kind).HasMaxLength(64);
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.Payload).HasColumnType("jsonb");
        e.Property(x => x.Status).HasMaxLength(16);
        // The dispatcher's claim: due queued messages, oldest first (partial: sent rows are most rows).
        e.HasIndex(x => x.NextAttemptAt).HasFilter("status = 'queued'");
        e.Property(x => x.OnceKey).HasMaxLength(200);
        e.HasIndex(x => x.OnceKey).IsUnique().HasFilter("once_key IS NOT NULL");
        // The admin list, newest first.
        e.HasIndex(x => x.CreatedAt);
    }
}
