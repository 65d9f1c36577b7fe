using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antonio.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamMemberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "team_purchase_id",
                table: "subscriptions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_team_purchase_id",
                table: "subscriptions",
                column: "team_purchase_id",
                unique: true,
                filter: "team_purchase_id IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_subscriptions_purchases_team_purchase_id",
                table: "subscriptions",
                column: "team_purchase_id",
                principalTable: "purchases",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_subscriptions_purchases_team_purchase_id",
                table: "subscriptions");

            migrationBuilder.DropIndex(
                name: "ix_subscriptions_team_purchase_id",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "team_purchase_id",
                table: "subscriptions");
        }
    }
}
