using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// The lists' free-text search: rows whose key or name contains the text, ignoring case. One rule for the grids, the
/// API, the pickers and the CSV exports. It is a <c>LIKE '%text%'</c> with the text's own <c>%</c>, <c>_</c> and
/// <c>\</c> escaped: on SQLite LIKE ignores case as its <c>lower()</c> does (ASCII letters), at a third of the cost
/// of <c>instr(lower(Key), @text)</c> on each row (at 40,000 services the search was the API's costliest call); on
/// PostgreSQL it is ILIKE, which ignores case as <c>lower()</c> does.
/// </summary>
public static class TextSearch
{
    private const string Escape = "\\";

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary>The search as typed, trimmed; null when there is nothing to search for.</summary>
    public static string? Normalise(string? search) => string.IsNullOrWhiteSpace(search) ? null : search.Trim();

    /// <summary>The LIKE pattern that finds <paramref name="text"/> anywhere, its wildcards taken literally.</summary>
    public static string Pattern(string text) =>
        "%" + text.Replace(Escape, Escape + Escape, StringComparison.Ordinal).Replace("%", Escape + "%", StringComparison.Ordinal).Replace("_", Escape + "_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// <paramref name="rows"/> whose <c>Key</c> or <c>Name</c> contains <paramref name="search"/> (ignoring case);
    /// all of them when it is blank. The pattern goes in as a query parameter, never a literal in the SQL.
    /// </summary>
    public static IQueryable<T> KeyOrNameContains<T>(this IQueryable<T> rows, PortalDbContext db, string? search)
    {
        if (Normalise(search) is not { } text)
        {
            return rows;
        }

        var row = Expression.Parameter(typeof(T), "row");
        var pattern = Expression.Property(Expression.Constant(new SearchPattern(Pattern(text))), nameof(SearchPattern.Value));
        var method = db.Database.IsNpgsql() ? ILike : Like;
        Expression Matches(string property) =>
            Expression.Call(method, Expression.Constant(EF.Functions), Expression.Property(row, property), pattern, Expression.Constant(Escape));
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.OrElse(Matches("Key"), Matches("Name")), row));
    }

    private sealed record SearchPattern(string Value);
}
