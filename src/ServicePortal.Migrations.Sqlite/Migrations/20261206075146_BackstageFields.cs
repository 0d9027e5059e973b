using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePortal.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Descriptor",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            // The defaults only fill the rows that exist (an empty descriptor reads as empty lists): the model has none.
            migrationBuilder.AlterColumn<bool>(
                name: "Deprecated",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldDefaultValue: false);

            migrationBuilder.AlterColumn<string>(
                name: "Descriptor",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldDefaultValue: "{}");
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
