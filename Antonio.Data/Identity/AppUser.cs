using Microsoft.AspNetCore.Identity;

namespace Antonio.Data.Identity;

public class AppUser : IdentityUser<Guid>
{
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

/// <summary>Site roles (docs/domain.md, access rule 1).</summary>
public static class SiteRoles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Contributor = "contributor";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Contributor];
}
