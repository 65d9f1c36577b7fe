using Antonio.Web.Access;
using Microsoft.AspNetCore.Authorization;

namespace Antonio.Web.Admin;

/// <summary>Marks an admin page: <c>@attribute [AdminOnly]</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : AuthorizeAttribute
{
    public AdminOnlyAttribute() => Policy = AccessPolicies.Admin;
}
