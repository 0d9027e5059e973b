using System.Linq.Expressions;

namespace ServicePortal.Core.Catalog;

/// <summary>
/// The fields a list may be sorted by, each a typed key expression that EF runs in the database. A sort is written as
/// the API takes it: field names separated by commas, a leading <c>-</c> for descending (<c>sort=-tier,name</c>);
/// names ignore case. The list's own tie-breaker (key) follows, so pages never overlap.
/// </summary>
public sealed class ListSort<T>
{
    private readonly Dictionary<string, Key> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _names = [];

    /// <summary>The allowed field names, as written in messages and the API description.</summary>
    public IReadOnlyList<string> Names => _names;

    public ListSort<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _fields.Add(name, new Key(
            (rows, descending) => descending ? rows.OrderByDescending(key) : rows.OrderBy(key),
            (rows, descending) => descending ? rows.ThenByDescending(key) : rows.ThenBy(key)));
        _names.Add(name);
        return this;
    }

    /// <summary>
    /// Reads <paramref name="sort"/> (null or blank: no sort). Returns the function that orders a query, or null
    /// with <paramref name="error"/> naming the unknown or repeated field and the allowed ones.
    /// </summary>
    public Func<IQueryable<T>, IQueryable<T>>? Parse(string? sort, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(sort))
        {
            return rows => rows;
        }

        var keys = new List<(Key Key, bool Descending)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in sort.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = part.StartsWith('-');
            var name = descending || part.StartsWith('+') ? part[1..].Trim() : part;
            if (!_fields.TryGetValue(name, out var key))
            {
                error = $"'{name}' is not a field to sort by; use {string.Join(", ", _names)} (a leading '-' sorts descending, commas separate fields).";
                return null;
            }

            if (!seen.Add(name))
            {
                error = $"'{name}' is named more than once.";
                return null;
            }

            keys.Add((key, descending));
        }

        return rows =>
        {
            var ordered = keys[0].Key.First(rows, keys[0].Descending);
            foreach (var (key, descending) in keys.Skip(1))
            {
                ordered = key.Then(ordered, descending);
            }

            return ordered;
        };
    }

    private sealed record Key(Func<IQueryable<T>, bool, IOrderedQueryable<T>> First, Func<IOrderedQueryable<T>, bool, IOrderedQueryable<T>> Then);
}

/// <summary>The sorts the catalog's list APIs accept.</summary>
public static class CatalogSorts
{
    /// <summary>Services: enums sort by their stored name (alphabetically), domain by the domain's name (no domain first).</summary>
    public static readonly ListSort<ServiceRow> Services = new ListSort<ServiceRow>()
        .Add("key", r => r.Key)
        .Add("name", r => r.Name)
        .Add("tier", r => r.Tier)
        .Add("kind", r => r.Kind)
        .Add("lifecycle", r => r.Lifecycle)
        .Add("sourcing", r => r.Sourcing)
        .Add("domain", r => r.Domain);
}
