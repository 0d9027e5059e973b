using System.Linq.Expressions;
using System.Reflection;
using MudBlazor;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Web.Features.Shared;

/// <summary>
/// Maps a MudDataGrid's <see cref="GridState{T}"/> (page, sort, column filters) to a Core <see cref="ListRequest{T}"/>:
/// sort and filters become typed expression trees on the row's public properties (no string-based dynamic LINQ), so
/// they run in the database. A column that names no property of the row is ignored, never evaluated.
/// Use: <c>ServerData="@(ServerGrid.Load&lt;DomainRow&gt;(Queries.DomainsAsync, () =&gt; _search))"</c>.
/// </summary>
public static class ServerGrid
{
    /// <summary>The grid's ServerData function over a Core list query; <paramref name="search"/> is read on every load.</summary>
    public static Func<GridState<T>, CancellationToken, Task<GridData<T>>> Load<T>(
        Func<ListRequest<T>, CancellationToken, Task<Page<T>>> query, Func<string?> search) =>
        async (state, cancellationToken) =>
        {
            var page = await query(ToListRequest(state, search()), cancellationToken);
            return new GridData<T> { Items = page.Items, TotalItems = page.Total };
        };

    public static ListRequest<T> ToListRequest<T>(GridState<T> state, string? search) =>
        new(state.Page * state.PageSize, Math.Min(state.PageSize, ListRequest<T>.MaxTake), search, query => Sort(Filter(query, state.FilterDefinitions), state.SortDefinitions));

    internal static IQueryable<T> Filter<T>(IQueryable<T> query, IEnumerable<IFilterDefinition<T>> filters)
    {
        foreach (var filter in filters)
        {
            if (filter.Column?.PropertyName is { } name && Property<T>(name) is { } property && Predicate<T>(property, filter.Operator, filter.Value) is { } predicate)
            {
                query = query.Where(predicate);
            }
        }

        return query;
    }

    internal static IQueryable<T> Sort<T>(IQueryable<T> query, IEnumerable<SortDefinition<T>> sorts)
    {
        var first = true;
        foreach (var sort in sorts.OrderBy(s => s.Index))
        {
            if (Property<T>(sort.SortBy) is not { } property)
            {
                continue;
            }

            var row = Expression.Parameter(typeof(T), "row");
            var key = Expression.Lambda(Expression.Property(row, property), row);
            var method = (first, sort.Descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            query = query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method, [typeof(T), property.PropertyType], query.Expression, Expression.Quote(key)));
            first = false;
        }

        return query;
    }

    private static PropertyInfo? Property<T>(string? name) =>
        string.IsNullOrEmpty(name) ? null : typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    private static Expression<Func<T, bool>>? Predicate<T>(PropertyInfo property, string? op, object? value)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression member = Expression.Property(row, property);
        var type = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        Expression? body;

        if (op is FilterOperator.String.Empty or FilterOperator.String.NotEmpty)
        {
            Expression empty = type == typeof(string)
                ? Expression.OrElse(Expression.Equal(member, Expression.Constant(null, type)), Expression.Equal(member, Expression.Constant("")))
                : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Expression.Constant(false) : Expression.Equal(member, Expression.Constant(null, type));
            body = op == FilterOperator.String.Empty ? empty : Expression.Not(empty);
        }
        else if (value is null || (value is string s0 && s0.Length == 0))
        {
            return null; // a filter row with no value yet filters nothing
        }
        else if (type == typeof(string))
        {
            // Case-insensitive: both sides lower-cased (translated to SQL lower()).
            var text = Expression.Constant(value.ToString()!.ToLowerInvariant());
            var lower = Expression.Call(member, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
            var notNull = Expression.NotEqual(member, Expression.Constant(null, typeof(string)));
            Expression Call(string method) => Expression.AndAlso(notNull, Expression.Call(lower, typeof(string).GetMethod(method, [typeof(string)])!, text));
            body = op switch
            {
                FilterOperator.String.Contains => Call(nameof(string.Contains)),
                FilterOperator.String.NotContains => Expression.Not(Call(nameof(string.Contains))),
                FilterOperator.String.StartsWith => Call(nameof(string.StartsWith)),
                FilterOperator.String.EndsWith => Call(nameof(string.EndsWith)),
                FilterOperator.String.Equal => Expression.AndAlso(notNull, Expression.Equal(lower, text)),
                FilterOperator.String.NotEqual => Expression.Not(Expression.AndAlso(notNull, Expression.Equal(lower, text))),
                _ => null,
            };
        }
        else
        {
            object converted;
            try
            {
                converted = underlying.IsEnum
                    ? (value is string name ? Enum.Parse(underlying, name, ignoreCase: true) : Enum.ToObject(underlying, value))
                    : Convert.ChangeType(value, underlying, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or OverflowException)
            {
                return null; // a value the column cannot hold matches nothing sensible; ignore the filter
            }

            var constant = Expression.Constant(converted, type);
            body = op switch
            {
                FilterOperator.Number.Equal or FilterOperator.Enum.Is => Expression.Equal(member, constant),
                FilterOperator.Number.NotEqual or FilterOperator.Enum.IsNot => Expression.NotEqual(member, constant),
                FilterOperator.Number.GreaterThan or FilterOperator.DateTime.After => Expression.GreaterThan(member, constant),
                FilterOperator.Number.GreaterThanOrEqual or FilterOperator.DateTime.OnOrAfter => Expression.GreaterThanOrEqual(member, constant),
                FilterOperator.Number.LessThan or FilterOperator.DateTime.Before => Expression.LessThan(member, constant),
                FilterOperator.Number.LessThanOrEqual or FilterOperator.DateTime.OnOrBefore => Expression.LessThanOrEqual(member, constant),
                _ => null,
            };
        }

        return body is null ? null : Expression.Lambda<Func<T, bool>>(body, row);
    }
}
