using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ImportSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Relationships",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Nodes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Relationships_ImportSource",
                table: "Relationships",
                column: "ImportSource");

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_ImportSource",
                table: "Nodes",
                column: "ImportSource");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Relationships_ImportSource",
                table: "Relationships");

            migrationBuilder.DropIndex(
                name: "IX_Nodes_ImportSource",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Relationships");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Nodes");
        }
    }
}
