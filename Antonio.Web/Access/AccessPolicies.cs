using Antonio.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Antonio.Web.Access;

/// <summary>
/// The authorization policies: <see cref="Admin"/> (the /admin area, /metrics). The role is checked
/// against the user's access snapshot — cached, and dropped by every role change — not against the
/// sign-in cookie, so an admin whose role is revoked loses the area on their next request.
/// </summary>
public static class AccessPolicies
{
    public const string Admin = "admin";

    internal static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, CurrentRoleHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentRoleRequirement(SiteRoles.Admin)));
        return services;
    }

    private sealed record CurrentRoleRequirement(string Role) : IAuthorizationRequirement;

    private sealed class CurrentRoleHandler(AccessReader access) : AuthorizationHandler<CurrentRoleRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentRoleRequirement requirement)
        {
            if (ViewerContext.UserId(context.User) is { } userId && (await access.GetAsync(userId)).HasRole(requirement.Role))
                context.Succeed(requirement);
        }
    }
}
