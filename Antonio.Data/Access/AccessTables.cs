using Antonio.Data.Commerce;
using Antonio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Access;

internal sealed class TeamInvitationTable : IEntityTypeConfiguration<TeamInvitation>
{
    public void Configure(EntityTypeBuilder<TeamInvitation> e)
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
    }
}

internal sealed class OrganizationTable : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e) => e.Property(x => x.Name).HasMaxLength(200);
}

internal sealed class OrganizationMembershipTable : IEntityTypeConfiguration<OrganizationMembership>
{
    public void Configure(EntityTypeBuilder<OrganizationMembership> e)
    {
        e.Property(x => x.Role).HasMaxLength(16);
        e.HasIndex(x => new { x.UserId, x.Role });
        e.HasIndex(x => new { x.OrganizationId, x.UserId }).IsUnique();
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EntitlementTypeTable : IEntityTypeConfiguration<EntitlementType>
{
    public void Configure(EntityTypeBuilder<EntitlementType> e)
    {
        e.Property(x => x.Name).HasMaxLength(64);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class EntitlementTable : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> e)
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
    }
}
