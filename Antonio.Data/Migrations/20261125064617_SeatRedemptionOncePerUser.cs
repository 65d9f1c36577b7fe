using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeatRedemptionOncePerUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_purchases_redeemed_bulk_coupon_id",
                table: "purchases");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_redeemed_bulk_coupon_id_user_id",
                table: "purchases",
                columns: new[] { "redeemed_bulk_coupon_id", "user_id" },
                unique: true,
                filter: "redeemed_bulk_coupon_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_purchases_redeemed_bulk_coupon_id_user_id",
                table: "purchases");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_redeemed_bulk_coupon_id",
                table: "purchases",
                column: "redeemed_bulk_coupon_id");
        }
    }
}
