using Antonio.Data.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <summary>
    /// The search document becomes a stored generated column (<see cref="SearchQuery.Column"/>) with the GIN index
    /// over it: ranking a common word on the large set parsed every matching body again with the expression index
    /// alone (seconds); the column is computed once per write, so it still follows every edit.
    /// </summary>
    public partial class SearchDocumentColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_search;");
            migrationBuilder.Sql($"ALTER TABLE content_resources ADD COLUMN {SearchQuery.Column} tsvector GENERATED ALWAYS AS ({SearchQuery.Document}) STORED;");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_search ON content_resources USING GIN ({SearchQuery.Column});");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_search;");
            migrationBuilder.Sql($"ALTER TABLE content_resources DROP COLUMN IF EXISTS {SearchQuery.Column};");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_search ON content_resources USING GIN ({SearchQuery.Document});");
        }
    }
}
