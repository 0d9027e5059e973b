using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServicePortal.Core.Data.Migrations;

/// <summary>
/// TEMPORARY, hand-written so this branch's tests run on a migrated database (issue 19). When the EF tooling of
/// issue 13 is on main, drop this file and generate the same change with <c>dotnet ef migrations add PracticeKpiMeasurements</c>.
/// Practice KPIs become measurable entities (the text target cannot be turned into a number, so the old rows are
/// dropped: reload the sample data) and KPI measurements get their own table, unique per KPI key and period.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261203200000_PracticeKpiMeasurements")]
public sealed class PracticeKpiMeasurements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var identity = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? ("Npgsql:ValueGenerationStrategy", (object)Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
            : ("Sqlite:Autoincrement", (object)true);
        migrationBuilder.DropTable(name: "PracticeKpis");
        migrationBuilder.CreateTable(
            name: "PracticeKpis",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation(identity.Item1, identity.Item2),
                PracticeId = table.Column<int>(nullable: false),
                Key = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Metric = table.Column<string>(maxLength: 32, nullable: false),
                Unit = table.Column<string>(maxLength: 100, nullable: false),
                Target = table.Column<double>(nullable: false),
                Direction = table.Column<string>(maxLength: 32, nullable: false),
                WarningBand = table.Column<double>(nullable: false),
                Period = table.Column<string>(maxLength: 32, nullable: false),
                Order = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PracticeKpis", x => x.Id);
                table.ForeignKey("FK_PracticeKpis_Practices_PracticeId", x => x.PracticeId, "Practices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_PracticeKpis_Key", table: "PracticeKpis", column: "Key");
        migrationBuilder.CreateIndex(name: "IX_PracticeKpis_PracticeId_Key", table: "PracticeKpis", columns: ["PracticeId", "Key"], unique: true);

        migrationBuilder.CreateTable(
            name: "KpiMeasurements",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation(identity.Item1, identity.Item2),
                KpiKey = table.Column<string>(maxLength: 64, nullable: false),
                PeriodStart = table.Column<DateOnly>(nullable: false),
                Value = table.Column<double>(nullable: false),
                Note = table.Column<string>(maxLength: 4000, nullable: true),
                RecordedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_KpiMeasurements", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_KpiMeasurements_KpiKey_PeriodStart", table: "KpiMeasurements", columns: ["KpiKey", "PeriodStart"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // A measurable target cannot be turned back into the old text target without losing what it means.
        throw new NotSupportedException("Practice KPIs and their measurements cannot be migrated back; restore a backup instead.");
    }
}
