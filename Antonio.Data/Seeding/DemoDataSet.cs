using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Data.Seeding;

/// <summary>All rows of one demo data set, in foreign-key order.</summary>
internal sealed class DemoDataSet
{
    public List<AppRole> Roles { get; } = [];
    public List<AppUser> Users { get; } = [];
    public List<IdentityUserRole<Guid>> UserRoles { get; } = [];
    public List<EntitlementType> EntitlementTypes { get; } = [];
    public List<ContentResource> Resources { get; } = [];
    public List<ContentLink> Links { get; } = [];
    public List<Product> Products { get; } = [];
    public List<Price> Prices { get; } = [];
    public List<ContentProduct> ContentProducts { get; } = [];
    public List<UpgradableProduct> Upgrades { get; } = [];
    public List<LiveSession> LiveSessions { get; } = [];
    public List<Coupon> Coupons { get; } = [];
    public List<MembershipPlan> MembershipPlans { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];
    public List<MerchantCharge> Charges { get; } = [];
    public List<Purchase> Purchases { get; } = [];
    public List<PurchaseTransfer> Transfers { get; } = [];
    public List<Organization> Organizations { get; } = [];
    public List<OrganizationMembership> Memberships { get; } = [];
    public List<Entitlement> Entitlements { get; } = [];
}
