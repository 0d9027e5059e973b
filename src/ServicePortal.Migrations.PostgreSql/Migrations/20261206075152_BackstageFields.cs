using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class BackstageFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Deprecated",
                table: "Nodes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Descriptor",
                table: "Nodes",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            // The defaults only fill the rows that exist (an empty descriptor reads as empty lists): the model has none.
            migrationBuilder.Sql("""ALTER TABLE "Nodes" ALTER COLUMN "Deprecated" DROP DEFAULT, ALTER COLUMN "Descriptor" DROP DEFAULT;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Deprecated",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "Descriptor",
                table: "Nodes");
        }
    }
}
