using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServicePortal.Core.Data.Migrations;

/// <summary>The whole schema as EF generates it for the active provider (see <see cref="SchemaScripts"/>).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121000000_InitialCreate")]
public sealed class InitialCreate : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in SchemaScripts.Statements(migrationBuilder.ActiveProvider))
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("The initial schema is not reverted; restore a backup instead.");
}
