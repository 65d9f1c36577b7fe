using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "live_sessions",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    join_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_live_sessions", x => x.product_id);
                    table.CheckConstraint("ck_live_sessions_capacity", "capacity IS NULL OR capacity > 0");
                    table.CheckConstraint("ck_live_sessions_ends_after_start", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_live_sessions_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "live_sessions");
        }
    }
}
