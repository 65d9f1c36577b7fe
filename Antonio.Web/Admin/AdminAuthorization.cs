using Antonio.Data.Identity;
using Antonio.Web.Access;
using Microsoft.AspNetCore.Authorization;

namespace Antonio.Web.Admin;

/// <summary>
/// The admin policy (the /admin area, /metrics). The role is checked against the user's access
/// snapshot — cached, and dropped by every role change — not against the sign-in cookie, so an admin
/// whose role is revoked loses the area on their next request, not when their cookie is refreshed.
/// </summary>
public static class AdminAuthorization
{
    public const string Policy = "admin";

    public static IServiceCollection AddAdminAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, CurrentRoleHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentRoleRequirement(SiteRoles.Admin)));
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

/// <summary>Marks an admin page: <c>@attribute [AdminOnly]</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : AuthorizeAttribute
{
    public AdminOnlyAttribute() => Policy = AdminAuthorization.Policy;
}
