using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Antonio.Data.Mail;
using Antonio.Data.Progress;
using Antonio.Data.Telemetry;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Data;

public class AntonioDbContext(DbContextOptions<AntonioDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<ContentResource> ContentResources => Set<ContentResource>();
    public DbSet<ContentLink> ContentLinks => Set<ContentLink>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Price> Prices => Set<Price>();
    public DbSet<ContentProduct> ContentProducts => Set<ContentProduct>();
    public DbSet<UpgradableProduct> UpgradableProducts => Set<UpgradableProduct>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    /// <summary>ASP.NET Core Data Protection's key ring (cookies, antiforgery, magic links), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MerchantCharge> MerchantCharges => Set<MerchantCharge>();
    public DbSet<PurchaseTransfer> PurchaseTransfers => Set<PurchaseTransfer>();
    public DbSet<MembershipPlan> MembershipPlans => Set<MembershipPlan>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMembership> OrganizationMemberships => Set<OrganizationMembership>();
    public DbSet<EntitlementType> EntitlementTypes => Set<EntitlementType>();
    public DbSet<Entitlement> Entitlements => Set<Entitlement>();
    public DbSet<ResourceProgress> ResourceProgress => Set<ResourceProgress>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<TeamInvitation> TeamInvitations => Set<TeamInvitation>();
    public DbSet<WebVital> WebVitals => Set<WebVital>();
    public DbSet<Admin.AuditEntry> AuditEntries => Set<Admin.AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's tables, in the same snake_case as everything else.
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<AppRole>().ToTable("roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.Entity<ContentResource>(e =>
        {
            e.ToTable("content_resources");
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Fields).HasColumnType("jsonb");
            e.Property(x => x.Version).IsRowVersion();
            // The (type, fields->>'slug') unique index and (type, fields->>'state') index are
            // expression indexes EF cannot model; they are created in the InitialSchema migration.
            e.HasIndex(x => x.CreatedById);
        });

        builder.Entity<ContentLink>(e =>
        {
            e.ToTable("content_links");
            e.HasKey(x => new { x.ParentId, x.ChildId });
            e.Property(x => x.Metadata).HasColumnType("jsonb");
            // Reverse lookups (which workshop holds this lesson) for invalidation and admin.
            e.HasIndex(x => x.ChildId);
            e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Product>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(32);
            e.Property(x => x.Version).IsRowVersion();
        });
        builder.Entity<Price>(e =>
        {
            e.Property(x => x.Currency).HasMaxLength(3);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ProductId);
        });
        builder.Entity<ContentProduct>(e =>
        {
            e.HasKey(x => new { x.ProductId, x.ResourceId });
            // The workshop tree query goes from the workshop to its products.
            e.HasIndex(x => x.ResourceId);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TeamInvitation>(e =>
        {
            e.ToTable("team_invitations");
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.NormalizedEmail).HasMaxLength(256);
            e.Property(x => x.Token).HasMaxLength(32);
            e.HasIndex(x => x.Token).IsUnique();
            // One pending invitation per team and address; the team page lists a team's invitations.
            e.HasIndex(x => new { x.BulkPurchaseId, x.NormalizedEmail }).IsUnique().HasFilter("claimed_at IS NULL AND revoked_at IS NULL");
            e.HasOne<Purchase>().WithMany().HasForeignKey(x => x.BulkPurchaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.InvitedById).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ClaimedById).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Certificate>(e =>
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
        });
        builder.Entity<UpgradableProduct>(e =>
        {
            e.HasKey(x => new { x.UpgradableFromId, x.UpgradableToId });
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.UpgradableFromId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.UpgradableToId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Purchase>(e =>
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
        });

        builder.Entity<Coupon>(e =>
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
        });

        builder.Entity<MerchantCharge>(e =>
        {
            e.Property(x => x.Identifier).HasMaxLength(255);
            e.Property(x => x.Provider).HasMaxLength(32);
            e.Property(x => x.BillTo).HasMaxLength(MerchantCharge.MaxBillToLength);
            e.HasIndex(x => new { x.Provider, x.Identifier }).IsUnique();
            e.HasIndex(x => x.SubscriptionId).HasFilter("subscription_id IS NOT NULL");
            e.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<MembershipPlan>(e =>
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
        });

        builder.Entity<Subscription>(e =>
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
        });

        builder.Entity<PurchaseTransfer>(e =>
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
        });

        builder.Entity<Organization>(e => e.Property(x => x.Name).HasMaxLength(200));
        builder.Entity<OrganizationMembership>(e =>
        {
            e.Property(x => x.Role).HasMaxLength(16);
            e.HasIndex(x => new { x.UserId, x.Role });
            e.HasIndex(x => new { x.OrganizationId, x.UserId }).IsUnique();
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EntitlementType>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasIndex(x => x.Name).IsUnique();
        });
        builder.Entity<Entitlement>(e =>
        {
            e.Property(x => x.SourceType).HasMaxLength(32);
            e.Property(x => x.Metadata).HasColumnType("jsonb");
            // Only live entitlements are ever read for access decisions.
            e.HasIndex(x => x.UserId).HasFilter("deleted_at IS NULL");
            e.HasIndex(x => new { x.SourceType, x.SourceId });
            e.HasOne<EntitlementType>().WithMany().HasForeignKey(x => x.EntitlementTypeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OrganizationMembership>().WithMany().HasForeignKey(x => x.OrganizationMembershipId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResourceProgress>(e =>
        {
            e.ToTable("resource_progress");
            // The primary key (user_id, resource_id) is the index progress reads use.
            e.HasKey(x => new { x.UserId, x.ResourceId });
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ContentResource>().WithMany().HasForeignKey(x => x.ResourceId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WebVital>(e =>
        {
            e.Property(x => x.Route).HasMaxLength(200);
            e.Property(x => x.Name).HasMaxLength(8);
            e.Property(x => x.Navigation).HasMaxLength(24).HasDefaultValue("navigate");
            e.HasIndex(x => new { x.CreatedAt, x.Route });
        });

        builder.Entity<AppUser>(e => e.Property(x => x.Name).HasMaxLength(200));

        builder.Entity<Admin.AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.EntityType).HasMaxLength(32);
            e.Property(x => x.Before).HasColumnType("jsonb");
            e.Property(x => x.After).HasColumnType("jsonb");
            // The admin history of one entity, newest first.
            e.HasIndex(x => new { x.EntityId, x.CreatedAt });
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("email_outbox");
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Recipient).HasMaxLength(256);
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.Property(x => x.Status).HasMaxLength(16);
            // The dispatcher's claim: due queued messages, oldest first (partial: sent rows are most rows).
            e.HasIndex(x => x.NextAttemptAt).HasFilter("status = 'queued'");
            // The admin list, newest first.
            e.HasIndex(x => x.CreatedAt);
        });
    }
}
