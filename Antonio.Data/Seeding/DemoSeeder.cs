using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Antonio.Data.Seeding;

/// <summary>Loads a <see cref="DemoDataSet"/> into an empty database with binary COPY, in one transaction.</summary>
public static class DemoSeeder
{
    public static Task<bool> IsSeededAsync(AntonioDbContext db, CancellationToken ct = default) =>
        db.ContentResources.AnyAsync(ct);

    /// <summary>Seeds when the database has no content yet. Returns whether it seeded.</summary>
    public static async Task<bool> SeedIfEmptyAsync(AntonioDbContext db, DemoSeedOptions options, CancellationToken ct = default)
    {
        if (await IsSeededAsync(db, ct)) return false;
        await SeedAsync(db, options, ct);
        return true;
    }

    public static async Task SeedAsync(AntonioDbContext db, DemoSeedOptions options, CancellationToken ct = default)
    {
        var data = new DemoDataBuilder(options).Build();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await BulkCopier.CopyAsync(db, connection, data.Roles, ct);
            await BulkCopier.CopyAsync(db, connection, data.Users, ct);
            await BulkCopier.CopyAsync(db, connection, data.UserRoles, ct);
            await BulkCopier.CopyAsync(db, connection, data.EntitlementTypes, ct);
            await BulkCopier.CopyAsync(db, connection, data.Resources, ct);
            await BulkCopier.CopyAsync(db, connection, data.Links, ct);
            await BulkCopier.CopyAsync(db, connection, data.Products, ct);
            await BulkCopier.CopyAsync(db, connection, data.Prices, ct);
            await BulkCopier.CopyAsync(db, connection, data.ContentProducts, ct);
            await BulkCopier.CopyAsync(db, connection, data.Upgrades, ct);
            await BulkCopier.CopyAsync(db, connection, data.LiveSessions, ct);
            await BulkCopier.CopyAsync(db, connection, data.Coupons, ct);
            await BulkCopier.CopyAsync(db, connection, data.MembershipPlans, ct);
            // A team membership names its team purchase, whose charge names the membership: the link is set once both are in.
            var teams = data.Subscriptions.Where(x => x.TeamPurchaseId is not null).Select(x => (x.Id, Team: x.TeamPurchaseId!.Value)).ToList();
            foreach (var subscription in data.Subscriptions) subscription.TeamPurchaseId = null;
            await BulkCopier.CopyAsync(db, connection, data.Subscriptions, ct);
            await BulkCopier.CopyAsync(db, connection, data.Charges, ct);
            await BulkCopier.CopyAsync(db, connection, data.Purchases, ct);
            foreach (var (id, team) in teams)
            {
                await using var link = new NpgsqlCommand("UPDATE subscriptions SET team_purchase_id = $1 WHERE id = $2", connection, tx)
                {
                    Parameters = { new() { Value = team }, new() { Value = id } },
                };
                await link.ExecuteNonQueryAsync(ct);
            }
            await BulkCopier.CopyAsync(db, connection, data.Transfers, ct);
            await BulkCopier.CopyAsync(db, connection, data.Organizations, ct);
            await BulkCopier.CopyAsync(db, connection, data.Memberships, ct);
            await BulkCopier.CopyAsync(db, connection, data.Entitlements, ct);
            await tx.CommitAsync(ct);
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }
}
