using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <summary>
    /// Expression indexes EF Core cannot model. Each serves a hot query:
    /// the slug index serves every page's "find resource by slug" (and makes slugs unique per type);
    /// the state index serves workshop listings filtered by type and state.
    /// </summary>
    public partial class HotPathIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE UNIQUE INDEX ux_content_resources_type_slug ON content_resources (type, (fields->>'slug'));");
            migrationBuilder.Sql(
                "CREATE INDEX ix_content_resources_type_state ON content_resources (type, (fields->>'state'));");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_type_state;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ux_content_resources_type_slug;");
        }
    }
}
