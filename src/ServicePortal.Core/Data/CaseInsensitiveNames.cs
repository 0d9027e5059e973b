using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Core.Data;

/// <summary>
/// The database's half of <see cref="UniqueNames"/>: the unique indexes on a domain's name and on a supplier's name
/// (<c>IX_Domains_Name</c>, <c>IX_Nodes_SupplierName</c>) compare ignoring case, so "Acme" and "ACME" cannot both be
/// stored whichever way they come in. SQLite: the Name columns use the NOCASE collation (which the indexes inherit);
/// PostgreSQL: the two indexes use a nondeterministic ICU collation (case-insensitive, accent-sensitive), which leaves
/// the columns' own comparisons (searches, LIKE) as they are.
/// </summary>
internal static class CaseInsensitiveNames
{
    public const string PostgresCollation = "portal_case_insensitive";

    public static void Configure(ModelBuilder builder, DatabaseFacade database)
    {
        if (database.IsSqlite())
        {
            builder.Entity<Domain>().Property(d => d.Name).UseCollation("NOCASE");
            builder.Entity<Node>().Property(n => n.Name).UseCollation("NOCASE");
        }
        else if (database.IsNpgsql())
        {
            builder.HasCollation(PostgresCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
            builder.Entity<Domain>().HasIndex(d => d.Name).IsUnique().UseCollation(PostgresCollation);
            builder.Entity<Node>().HasIndex(n => n.Name, "IX_Nodes_SupplierName").UseCollation(PostgresCollation);
        }
    }
}
