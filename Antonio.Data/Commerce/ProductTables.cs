using Antonio.Data.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Commerce;

internal sealed class ProductTable : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Type).HasMaxLength(32);
        e.Property(x => x.Slug).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.HasIndex(x => x.Slug).IsUnique().HasFilter("slug IS NOT NULL");
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class PriceTable : IEntityTypeConfiguration<Price>
{
    public void Configure(EntityTypeBuilder<Price> e)
    {
        e.Property(x => x.Currency).HasMaxLength(3);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.ProductId);
    }
}

internal sealed class ContentProductTable : IEntityTypeConfiguration<ContentProduct>
{
    public void Configure(EntityTypeBuilder<ContentProduct> e)
    {
        e.HasKey(x => new { x.ProductId, x.ResourceId });
        // The workshop tree query goes from the workshop to its products.
        e.HasIndex(x => x.ResourceId);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UpgradableProductTable : IEntityTypeConfiguration<UpgradableProduct>
{
    public void Configure(EntityTypeBuilder<UpgradableProduct> e)
    {
        e.HasKey(x => new { x.UpgradableFromId, x.UpgradableToId });
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.UpgradableFromId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.UpgradableToId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiveSessionTable : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> e)
    {
        e.HasKey(x => x.ProductId);
        e.HasOne<Product>().WithOne().HasForeignKey<LiveSession>(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.TimeZone).HasMaxLength(64);
        e.Property(x => x.JoinUrl).HasMaxLength(2000);
        e.ToTable(t => t.HasCheckConstraint("ck_live_sessions_ends_after_start", "ends_at > starts_at"));
        e.ToTable(t => t.HasCheckConstraint("ck_live_sessions_capacity", "capacity IS NULL OR capacity > 0"));
    }
}
