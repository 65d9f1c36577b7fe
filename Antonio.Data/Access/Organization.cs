namespace Antonio.Data.Access;

public class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public class OrganizationMembership
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    /// <summary>owner | admin | member | learner (docs/domain.md, access rule 9).</summary>
    public string Role { get; set; } = OrganizationRoles.Learner;
    public Guid? InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class OrganizationRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
    public const string Learner = "learner";
}
