using Antonio.Tests.Infrastructure;
using Npgsql;

namespace Antonio.Tests.Integration;

/// <summary>EXPLAIN of the hot lookups over seeded data: the expression indexes are used, no sequential scans of content.</summary>
[Collection(SeededCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QueryPlanTests(SeededDatabaseFixture seeded)
{
    private async Task<string> PlanAsync(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(seeded.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        for (var i = 0; i < args.Length; i++) command.Parameters.AddWithValue("p" + i, args[i]);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task Slug_lookup_uses_the_type_slug_expression_index()
    {
        var plan = await PlanAsync("SELECT id FROM content_resources WHERE type = 'workshop' AND (fields->>'slug') = @p0 AND deleted_at IS NULL", SeededData.Slug(0));
        Assert.Contains("ux_content_resources_type_slug", plan);
        Assert.DoesNotContain("Seq Scan on content_resources", plan);
    }

    [Fact]
    public async Task Type_and_state_filter_uses_the_type_state_expression_index()
    {
        var plan = await PlanAsync("SELECT id FROM content_resources WHERE type = 'workshop' AND (fields->>'state') = 'published'");
        Assert.Contains("ix_content_resources_type_state", plan);
        Assert.DoesNotContain("Seq Scan on content_resources", plan);
    }

    [Fact]
    public async Task Reverse_link_lookup_uses_the_child_index()
    {
        var lessonId = await seeded.Database.ScalarAsync<Guid>("SELECT id FROM content_resources WHERE type = 'lesson' LIMIT 1");
        var plan = await PlanAsync("SELECT parent_id FROM content_links WHERE child_id = @p0", lessonId);
        Assert.Contains("ix_content_links_child_id", plan);
    }
}
