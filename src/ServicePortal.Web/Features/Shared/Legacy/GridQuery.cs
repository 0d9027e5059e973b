using Radzen;
using ServicePortal.Core.Catalog;

namespace ServicePortal.Web.Features.Shared.Legacy;

/// <summary>Turns a Radzen data grid's load request into a Core list request; filters and sorting run in the database.</summary>
public static class GridQuery
{
    public static ListRequest<T> ToListRequest<T>(this LoadDataArgs args, string? search) =>
        new(args.Skip ?? 0, args.Top ?? 20, search, query =>
        {
            if (args.Filters?.Any() == true)
            {
                query = (IQueryable<T>)query.Where(args.Filters, LogicalFilterOperator.And, FilterCaseSensitivity.CaseInsensitive);
            }

            return string.IsNullOrEmpty(args.OrderBy) ? query : query.OrderBy(args.OrderBy);
        });
}
