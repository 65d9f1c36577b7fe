using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Telemetry;

internal sealed class WebVitalTable : IEntityTypeConfiguration<WebVital>
{
    public void Configure(EntityTypeBuilder<WebVital> e)
    {
        e.Property(x => x.Route).HasMaxLength(200);
        e.Property(x => x.Name).HasMaxLength(8);
        e.Property(x => x.Navigation).HasMaxLength(24).HasDefaultValue("navigate");
        e.HasIndex(x => new { x.CreatedAt, x.Route });
    }
}
