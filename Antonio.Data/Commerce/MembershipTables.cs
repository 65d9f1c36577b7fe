using Antonio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Commerce;

internal sealed class MembershipPlanTable : IEntityTypeConfiguration<MembershipPlan>
{
    public void Configure(EntityTypeBuilder<MembershipPlan> e)
    {
        e.Property(x => x.Tier).HasMaxLength(16);
        e.Property(x => x.Interval).HasMaxLength(8);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.HasIndex(x => x.ProductId);
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_membership_plans_interval", "interval IN ('month', 'year')");
            t.HasCheckConstraint("ck_membership_plans_amount_positive", "unit_amount_cents > 0");
        });
    }
}

internal sealed class SubscriptionTable : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> e)
    {
        e.Property(x => x.Provider).HasMaxLength(32);
        e.Property(x => x.ProviderSubscriptionId).HasMaxLength(255);
        e.Property(x => x.ProviderCustomerId).HasMaxLength(255);
        e.Property(x => x.Status).HasMaxLength(24);
        e.HasIndex(x => new { x.Provider, x.ProviderSubscriptionId }).IsUnique();
        e.HasIndex(x => x.UserId);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<MembershipPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Purchase>().WithMany().HasForeignKey(x => x.TeamPurchaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.TeamPurchaseId).IsUnique().HasFilter("team_purchase_id IS NOT NULL");
        e.ToTable(t => t.HasCheckConstraint("ck_subscriptions_quantity_positive", "quantity > 0"));
    }
}
