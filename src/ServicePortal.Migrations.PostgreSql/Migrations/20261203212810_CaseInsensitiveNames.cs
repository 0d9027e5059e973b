using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServicePortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseInsensitiveNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nodes_SupplierName",
                table: "Nodes");

            migrationBuilder.DropIndex(
                name: "IX_Domains_Name",
                table: "Domains");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:portal_case_insensitive", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_SupplierName",
                table: "Nodes",
                column: "Name",
                unique: true,
                filter: "\"NodeType\" = 'Supplier'")
                .Annotation("Relational:Collation", new[] { "portal_case_insensitive" });

            migrationBuilder.CreateIndex(
                name: "IX_Domains_Name",
                table: "Domains",
                column: "Name",
                unique: true)
                .Annotation("Relational:Collation", new[] { "portal_case_insensitive" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nodes_SupplierName",
                table: "Nodes");

            migrationBuilder.DropIndex(
                name: "IX_Domains_Name",
                table: "Domains");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:CollationDefinition:portal_case_insensitive", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_SupplierName",
                table: "Nodes",
                column: "Name",
                unique: true,
                filter: "\"NodeType\" = 'Supplier'");

            migrationBuilder.CreateIndex(
                name: "IX_Domains_Name",
                table: "Domains",
                column: "Name",
                unique: true);
        }
    }
}
