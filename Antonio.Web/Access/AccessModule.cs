using Antonio.Web.Access.Account;
using Antonio.Web.Access.ExternalLogins;

namespace Antonio.Web.Access;

/// <summary>
/// Who may see what: accounts and sign-in (Identity cookies, e-mail links, the security stamp on every
/// request), each user's cached access snapshot, the pure <see cref="AccessRules"/>, the authorization
/// policies, what a purchase grants, and team seats.
/// </summary>
public static class AccessModule
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AccessReader>();
        services.AddSingleton<AccessShadow>();
        services.AddScoped<ViewerContext>();
        services.AddSingleton<TeamSeatReduction>();
        services.AddSingleton<PurchaseEffects>();
        services.AddSingleton<TeamSeats>();
        services.AddSingleton<TeamInvitations>();
        services.AddScoped<Mail.IMailComposer, TeamInvitationMail>();
        services.AddScoped<Mail.IMailComposer, SeatClaimedMail>();
        services.AddScoped<Mail.IMailComposer, SeatWelcomeMail>();
        services.AddScoped<Mail.IMailComposer, SeatEndedMail>();
        services.AddAccessPolicies();
        builder.AddAccounts();
        return builder;
    }

    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapExternalLogins();
        return app;
    }
}
