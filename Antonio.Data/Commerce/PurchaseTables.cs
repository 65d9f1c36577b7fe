using Antonio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Commerce;

internal sealed class PurchaseTable : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> e)
    {
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Country).HasMaxLength(2);
        // The access snapshot reads a user's purchases by status.
        e.HasIndex(x => new { x.UserId, x.Status });
        e.HasIndex(x => x.ProductId);
        // A learner redeems a given team's seat at most once.
        e.HasIndex(x => new { x.RedeemedBulkCouponId, x.UserId }).IsUnique().HasFilter("redeemed_bulk_coupon_id IS NOT NULL");
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Coupon>().WithMany().HasForeignKey(x => x.CouponId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Coupon>().WithMany().HasForeignKey(x => x.BulkCouponId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Coupon>().WithMany().HasForeignKey(x => x.RedeemedBulkCouponId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Purchase>().WithMany().HasForeignKey(x => x.UpgradedFromId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<MerchantCharge>().WithMany().HasForeignKey(x => x.MerchantChargeId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CouponTable : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> e)
    {
        e.Property(x => x.Code).HasMaxLength(64);
        e.Property(x => x.PercentageDiscount).HasPrecision(5, 4);
        e.Property(x => x.Version).IsRowVersion();
        e.HasIndex(x => x.Code).IsUnique().HasFilter("code IS NOT NULL");
        // The site-wide coupon lookup only ever reads default coupons.
        e.HasIndex(x => x.IsDefault).HasFilter("is_default");
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.RestrictedToProductId).OnDelete(DeleteBehavior.SetNull);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_coupons_one_discount",
                "(percentage_discount IS NULL) <> (amount_discount_cents IS NULL)");
            t.HasCheckConstraint("ck_coupons_percentage_range",
                "percentage_discount IS NULL OR (percentage_discount > 0 AND percentage_discount <= 1)");
            t.HasCheckConstraint("ck_coupons_amount_positive",
                "amount_discount_cents IS NULL OR amount_discount_cents > 0");
        });
    }
}

internal sealed class MerchantChargeTable : IEntityTypeConfiguration<MerchantCharge>
{
    public void Configure(EntityTypeBuilder<MerchantCharge> e)
    {
        e.Property(x => x.Identifier).HasMaxLength(255);
        e.Property(x => x.Provider).HasMaxLength(32);
        e.Property(x => x.BillTo).HasMaxLength(MerchantCharge.MaxBillToLength);
        e.HasIndex(x => new { x.Provider, x.Identifier }).IsUnique();
        e.HasIndex(x => x.SubscriptionId).HasFilter("subscription_id IS NOT NULL");
        e.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PurchaseTransferTable : IEntityTypeConfiguration<PurchaseTransfer>
{
    public void Configure(EntityTypeBuilder<PurchaseTransfer> e)
    {
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.NormalizedEmail).HasMaxLength(256);
        e.Property(x => x.Token).HasMaxLength(64);
        e.HasIndex(x => x.Token).IsUnique();
        e.HasIndex(x => x.PurchaseId);
        e.HasIndex(x => x.FromUserId);
        e.HasOne<Purchase>().WithMany().HasForeignKey(x => x.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        // One pending offer per purchase at a time (an expired one is cancelled before a new one is made).
        e.HasIndex(x => x.PurchaseId, "one_open").IsUnique().HasFilter("accepted_at IS NULL AND cancelled_at IS NULL")
            .HasDatabaseName("ix_purchase_transfers_one_open");
    }
}
