namespace Antonio.Web.Admin;

/// <summary>
/// The admin area (/admin, the only interactive — Blazor Server — pages): content and structure,
/// products, coupons, purchases and refunds, users' roles and entitlements, the audit log and the
/// performance page. Each editor validates, checks the row version, audits and invalidates by tag.
/// </summary>
public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ContentEditor>();
        services.AddSingleton<StructureEditor>();
        services.AddSingleton<AdminContentReader>();
        services.AddSingleton<ProductEditor>();
        services.AddSingleton<CouponEditor>();
        services.AddSingleton<UserAccessEditor>();
        services.AddSingleton<AdminPurchaseReader>();
        return builder;
    }
}
