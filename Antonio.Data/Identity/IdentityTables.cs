using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antonio.Data.Identity;

/// <summary>Identity's tables, in the same snake_case as everything else.</summary>
internal sealed class IdentityTables :
    IEntityTypeConfiguration<AppUser>, IEntityTypeConfiguration<AppRole>,
    IEntityTypeConfiguration<IdentityUserRole<Guid>>, IEntityTypeConfiguration<IdentityUserClaim<Guid>>,
    IEntityTypeConfiguration<IdentityUserLogin<Guid>>, IEntityTypeConfiguration<IdentityUserToken<Guid>>,
    IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.ToTable("users");
        e.Property(x => x.Name).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<AppRole> e) => e.ToTable("roles");
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> e) => e.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> e) => e.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> e) => e.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> e) => e.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> e) => e.ToTable("role_claims");
}
