using Antonio.Data.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <summary>
    /// Search in PostgreSQL: a GIN index over the weighted document of every resource (then an expression; a stored
    /// column since <see cref="SearchDocumentColumn"/>) and pg_trgm's trigram GIN index over lower-cased titles.
    /// Both follow every edit: nothing to rebuild.
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm is a trusted extension: the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_search ON content_resources USING GIN ({SearchQuery.Document});");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_title_trgm ON content_resources USING GIN (({SearchQuery.Title}) gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_title_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_search;");
        }
    }
}
