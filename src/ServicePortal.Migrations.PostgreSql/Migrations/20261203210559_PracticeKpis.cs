using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ServicePortal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PracticeKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PracticeKpis_PracticeId",
                table: "PracticeKpis");


            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "PracticeKpis",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "PracticeKpis",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Direction",
                table: "PracticeKpis",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Key",
                table: "PracticeKpis",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Metric",
                table: "PracticeKpis",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Order",
                table: "PracticeKpis",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Period",
                table: "PracticeKpis",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Unit",
                table: "PracticeKpis",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "PracticeKpis",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PracticeKpis",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "WarningBand",
                table: "PracticeKpis",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            // KPIs recorded before they became measurable keep their wording: the old text target moves to
            // Definition, and each gets a key, a neutral metric and a zero target until governance staff set one.
            migrationBuilder.Sql(
                """
                UPDATE "PracticeKpis" SET "Definition" = "Target", "Target" = '0', "Key" = 'KPI-' || "Id",
                    "Metric" = 'Custom', "Direction" = 'AtLeast', "Period" = 'Monthly', "Unit" = '', "Order" = "Id",
                    "CreatedAt" = CURRENT_TIMESTAMP, "UpdatedAt" = CURRENT_TIMESTAMP;
                """);
            // PostgreSQL casts text to a number only when told how (AlterColumn emits no USING): every row holds '0' now.
            // The defaults AddColumn needed to fill existing rows go too: the model has none, and a fresh database neither.
            migrationBuilder.Sql(
                """
                ALTER TABLE "PracticeKpis" ALTER COLUMN "Target" TYPE double precision USING "Target"::double precision,
                    ALTER COLUMN "CreatedAt" DROP DEFAULT, ALTER COLUMN "UpdatedAt" DROP DEFAULT, ALTER COLUMN "Direction" DROP DEFAULT,
                    ALTER COLUMN "Key" DROP DEFAULT, ALTER COLUMN "Metric" DROP DEFAULT, ALTER COLUMN "Order" DROP DEFAULT,
                    ALTER COLUMN "Period" DROP DEFAULT, ALTER COLUMN "Unit" DROP DEFAULT, ALTER COLUMN "Version" DROP DEFAULT,
                    ALTER COLUMN "WarningBand" DROP DEFAULT;
                """);

            migrationBuilder.CreateTable(
                name: "KpiMeasurements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KpiKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiMeasurements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeKpis_Key",
                table: "PracticeKpis",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeKpis_PracticeId_Key",
                table: "PracticeKpis",
                columns: new[] { "PracticeId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KpiMeasurements_KpiKey_PeriodStart",
                table: "KpiMeasurements",
                columns: new[] { "KpiKey", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiMeasurements");

            migrationBuilder.DropIndex(
                name: "IX_PracticeKpis_Key",
                table: "PracticeKpis");

            migrationBuilder.DropIndex(
                name: "IX_PracticeKpis_PracticeId_Key",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Direction",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Key",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Metric",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Order",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Period",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Unit",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PracticeKpis");

            migrationBuilder.DropColumn(
                name: "WarningBand",
                table: "PracticeKpis");

            migrationBuilder.AlterColumn<string>(
                name: "Target",
                table: "PracticeKpis",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(double),
                oldType: "double precision");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeKpis_PracticeId",
                table: "PracticeKpis",
                column: "PracticeId");
        }
    }
}
