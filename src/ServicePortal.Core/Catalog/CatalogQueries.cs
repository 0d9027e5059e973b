using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Catalog;

/// <summary>Server-side paged, searched, filtered and sorted lists of the catalog and CMDB.</summary>
public sealed class CatalogQueries(IDbContextFactory<PortalDbContext> factory, TimeProvider? clock = null)
{
    public async Task<Page<ServiceRow>> ServicesAsync(ListRequest<ServiceRow> request, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenListContextAsync(cancellationToken);
        var rows = db.Services.AsNoTracking().Select(s => new ServiceRow
        {
            Id = s.Id,
            Key = s.Key,
            Name = s.Name,
            Kind = s.Kind,
            Lifecycle = s.Lifecycle,
            Tier = s.Tier,
            Sourcing = s.Sourcing,
            Domain = s.Domain != null ? s.Domain.Name : null,
            DomainKey = s.Domain != null ? s.Domain.Key : null,
        });
        var page = await PageAsync(db, rows, request, cancellationToken);

        var owners = await ServiceOwners.OfAsync(db, page.Items.Select(r => r.Id).ToArray(), cancellationToken);
        var today = Person.Today(clock ?? TimeProvider.System);
        foreach (var row in page.Items)
        {
            row.Owner = ServiceOwners.OwnerOn(owners, row.Id, today);
        }

        return page;
    }

    public async Task<Page<ConfigurationItemRow>> ConfigurationItemsAsync(ListRequest<ConfigurationItemRow> request, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenListContextAsync(cancellationToken);
        var rows = db.ConfigurationItems.AsNoTracking().Select(c => new ConfigurationItemRow
        {
            Id = c.Id,
            Key = c.Key,
            Name = c.Name,
            CiType = c.CiType,
            Lifecycle = c.Lifecycle,
            Status = c.Status,
            Domain = c.Domain != null ? c.Domain.Name : null,
            Location = c.Location,
        });
        return await PageAsync(db, rows, request, cancellationToken);
    }

    public async Task<Page<SupplierRow>> SuppliersAsync(ListRequest<SupplierRow> request, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenListContextAsync(cancellationToken);
        var rows = db.Suppliers.AsNoTracking().Select(s => new SupplierRow
        {
            Id = s.Id,
            Key = s.Key,
            Name = s.Name,
            IsInternal = s.IsInternal,
            Category = s.Category,
            RiskRating = s.RiskRating,
            Lifecycle = s.Lifecycle,
            Contracts = s.Contracts.Count,
            ContactName = s.ContactName,
        });
        return await PageAsync(db, rows, request, cancellationToken);
    }

    public async Task<Page<DomainRow>> DomainsAsync(ListRequest<DomainRow> request, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenListContextAsync(cancellationToken);
        var rows = db.Domains.AsNoTracking().Select(d => new DomainRow
        {
            Id = d.Id,
            Version = d.Version,
            Key = d.Key,
            Name = d.Name,
            Description = d.Description,
            Services = d.Nodes.Count(n => n.NodeType == NodeType.Service),
            ConfigurationItems = d.Nodes.Count(n => n.NodeType == NodeType.ConfigurationItem),
        });
        return await PageAsync(db, rows, request, cancellationToken);
    }

    public async Task<DomainForm?> DomainAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return domain is null ? null : DomainForm.From(domain);
    }

    /// <summary>Domains for pickers (there are few).</summary>
    public async Task<IReadOnlyList<Choice>> DomainChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Domains.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id, d.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The node with this key, for pages and API routes that address nodes by key.</summary>
    public async Task<NodeLink?> FindNodeAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().Where(n => n.Key == key)
            .Select(n => new NodeLink(n.Id, n.Key, n.Name, n.NodeType))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Nodes whose key or name matches, for searchable pickers (relationship editor, what-if).</summary>
    public async Task<IReadOnlyList<NodeLink>> FindNodesAsync(string? search, int take = 25, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().KeyOrNameContains(db, search).OrderBy(n => n.Name).Take(Math.Clamp(take, 1, ListRequest<NodeLink>.MaxTake))
            .Select(n => new NodeLink(n.Id, n.Key, n.Name, n.NodeType))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A context whose connection stays open for the list's queries (count, page, owners): one trip through the
    /// connection pool, whose lock showed as contention under load, instead of one per query.
    /// </summary>
    private async Task<PortalDbContext> OpenListContextAsync(CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }

    /// <summary>
    /// One page of a list: free-text search on key or name (ignoring case), the grid's filters and sort, then by name;
    /// key breaks ties, so pages never overlap. Count and page both run in the database, shaped for the lists' covering
    /// index (NodeType, Name, Key, DomainId): the count leaves the sort out (a sort by domain would otherwise keep
    /// the domain join in it), and the page is found by id first, so the sort carries only its keys, and then read
    /// by those ids; at 40k services a deep page sorted by domain no longer sorts whole rows.
    /// </summary>
    private static async Task<Page<T>> PageAsync<T>(PortalDbContext db, IQueryable<T> rows, ListRequest<T> request, CancellationToken cancellationToken)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "row");
        rows = rows.KeyOrNameContains(db, request.Search);

        if (request.Shape is not null)
        {
            rows = request.Shape(rows);
        }

        var total = await rows.Provider.CreateQuery<T>(new OrderingRemover().Visit(rows.Expression)).CountAsync(cancellationToken);

        var ordered = rows.Expression.Type == typeof(IOrderedQueryable<T>)
            ? (IOrderedQueryable<T>)rows
            : rows.OrderBy(Expression.Lambda<Func<T, string>>(Expression.Property(row, "Name"), row));
        ordered = ordered.ThenBy(Expression.Lambda<Func<T, string>>(Expression.Property(row, "Key"), row));
        var id = Expression.Lambda<Func<T, int>>(Expression.Property(row, "Id"), row);
        // Skip and take as members of a captured object, so EF makes them parameters: inside the subquery plain
        // constants would stay literals, and every page would compile (and cache) a query of its own.
        var window = Expression.Constant(new PageWindow(Math.Max(0, request.Skip), Math.Clamp(request.Take, 1, ListRequest<T>.MaxTake)));
        var pageIds = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(int)],
            Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(int)], ordered.Select(id).Expression, Expression.Property(window, nameof(PageWindow.Skip))),
            Expression.Property(window, nameof(PageWindow.Take)));
        // Its own parameter: the ids subquery's lambdas already use `row`.
        var candidate = Expression.Parameter(typeof(T), "candidate");
        var inPage = Expression.Lambda<Func<T, bool>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], pageIds, Expression.Property(candidate, "Id")), candidate);
        var items = await ordered.Where(inPage).ToListAsync(cancellationToken);
        return new Page<T>(items, total);
    }

    /// <summary>Takes the OrderBy/ThenBy calls out of a query (for its count: order does not change how many rows).</summary>
    private sealed class OrderingRemover : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(Queryable)
            && node.Method.Name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending) or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending)
                ? Visit(node.Arguments[0])
                : base.VisitMethodCall(node);
    }

    private sealed record PageWindow(int Skip, int Take);
}

/// <summary>An entry of a picker: what is stored and what is shown.</summary>
public sealed record Choice(int Id, string Name);

