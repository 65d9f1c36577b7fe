using Antonio.Data.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <summary>
    /// Two small stored columns beside the search document: the lower-cased title (<see cref="SearchQuery.TitleColumn"/>,
    /// with the trigram index moved onto it) and the title-and-description vector (<see cref="SearchQuery.PublicColumn"/>, with a GIN index of its own).
    /// A common word matches thousands of rows on the large set; reading their title or public rank from the full
    /// document or from <c>fields</c> meant fetching and decompressing kilobytes of TOAST per row. No model change:
    /// the columns are the database's own, written by PostgreSQL on every insert and update.
    /// </summary>
    [DbContext(typeof(AntonioDbContext))]
    [Migration("20261125220000_SearchPublicColumns")]
    public partial class SearchPublicColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"ALTER TABLE content_resources ADD COLUMN {SearchQuery.TitleColumn} text GENERATED ALWAYS AS ({SearchQuery.Title}) STORED;");
            migrationBuilder.Sql($"ALTER TABLE content_resources ADD COLUMN {SearchQuery.PublicColumn} tsvector GENERATED ALWAYS AS ({SearchQuery.PublicDocument}) STORED;");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_search_public ON content_resources USING GIN ({SearchQuery.PublicColumn});");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_title_trgm;");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_title_trgm ON content_resources USING GIN ({SearchQuery.TitleColumn} gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_title_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_content_resources_search_public;");
            migrationBuilder.Sql($"ALTER TABLE content_resources DROP COLUMN IF EXISTS {SearchQuery.PublicColumn};");
            migrationBuilder.Sql($"ALTER TABLE content_resources DROP COLUMN IF EXISTS {SearchQuery.TitleColumn};");
            migrationBuilder.Sql($"CREATE INDEX ix_content_resources_title_trgm ON content_resources USING GIN (({SearchQuery.Title}) gin_trgm_ops);");
        }
    }
}
