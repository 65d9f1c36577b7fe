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
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
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

    /// <summary>
    /// Each table's configuration lives beside its entity (<c>XTable</c>, <c>XTables</c> in the feature's folder).
    /// Identity's own model comes first, then its tables' names, then the rest: a foreign key's name is made from its
    /// principal table's name when the key is declared (fk_purchases_users_user_id, not …_asp_net_users_…).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var assembly = typeof(AntonioDbContext).Assembly;
        builder.ApplyConfigurationsFromAssembly(assembly, type => type == typeof(IdentityTables));
        builder.ApplyConfigurationsFromAssembly(assembly, type => type != typeof(IdentityTables));
    }
}
