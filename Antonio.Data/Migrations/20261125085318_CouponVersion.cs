using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <summary>Maps PostgreSQL's system column xmin as the coupons' concurrency token: no DDL (Npgsql never adds system columns).</summary>
    public partial class CouponVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "coupons",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "coupons");
        }
    }
}
