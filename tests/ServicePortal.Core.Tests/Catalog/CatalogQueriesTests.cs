using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.CatalogFeature;

/// <summary>The list queries on the sample enterprise: paging, search, filters and sorting run in the database.</summary>
public class CatalogQueriesTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    private CatalogQueries Queries => new(sample);

    [Fact]
    public async Task Services_ArePagedWithTheTotalAndSortedByNameByDefault()
    {
        await using var db = sample.CreateContext();
        var expected = await db.Services.OrderBy(s => s.Name).ThenBy(s => s.Key).Skip(20).Take(20).Select(s => s.Key).ToListAsync();

        var page = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Skip: 20, Take: 20));

        Assert.Equal(await db.Services.CountAsync(), page.Total);
        Assert.Equal(expected, page.Items.Select(r => r.Key));
    }

    [Fact]
    public async Task Search_MatchesKeyOrNameIgnoringCase()
    {
        var page = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Search: "  PAYMENT "));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, r => Assert.True(
            r.Key.Contains("PAYMENT", StringComparison.OrdinalIgnoreCase) || r.Name.Contains("payment", StringComparison.OrdinalIgnoreCase), r.Key));
        Assert.Equal(page.Items.Count, page.Total);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_TakesWildcardsLiterally_AndFindsWhatAContainsIgnoringCaseFinds(DatabaseProvider provider)
    {
        // LIKE's own wildcards (%, _) and its escape (\) in what a user types are text to find, on both providers.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreatePlainContext())
        {
            await ServicePortal.Core.Seeding.SeedLoader.LoadAsync(db, SeedFolder.Sample);
            db.Services.Add(new Service { Key = "SVC-UPTIME_100", Name = "100% Uptime check (C:\\probe)", Kind = ServiceKind.Technical });
            db.Services.Add(new Service { Key = "SVC-UPTIMEX100", Name = "1000 Uptime check", Kind = ServiceKind.Technical });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var all = await check.Services.AsNoTracking().Select(s => new { s.Key, s.Name }).ToListAsync();
        var queries = new CatalogQueries(database);
        foreach (var search in new[] { "%", "0% u", "_1", "e_", "\\pro", "UPTIME", "  payment " })
        {
            var expected = all.Where(s => s.Key.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase) || s.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            var page = await queries.ServicesAsync(new ListRequest<ServiceRow>(Take: 500, Search: search));
            Assert.Equal(expected, page.Items.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Count, page.Total);
        }

        Assert.Equal(["SVC-UPTIME_100"], (await queries.ServicesAsync(new ListRequest<ServiceRow>(Search: "e_1"))).Items.Select(r => r.Key));
    }

    [Fact]
    public async Task Search_WorksTheSameOnEveryList()
    {
        var items = await Queries.ConfigurationItemsAsync(new ListRequest<ConfigurationItemRow>(Search: "SWIFTLINE"));
        var suppliers = await Queries.SuppliersAsync(new ListRequest<SupplierRow>(Search: "swiftline"));
        var domains = await Queries.DomainsAsync(new ListRequest<DomainRow>(Search: "CHAIN"));
        var nothing = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Search: "%' OR 1=1 --"));

        Assert.Equal(["CI-SWIFTLINE-ACCOUNT"], items.Items.Select(r => r.Key));
        Assert.Equal(["SUP-SWIFTLINE"], suppliers.Items.Select(r => r.Key));
        Assert.Equal(["Supply Chain"], domains.Items.Select(r => r.Name));
        Assert.Equal(0, nothing.Total);
    }

    [Fact]
    public async Task ColumnFiltersAndSorting_ComposeOntoTheQuery()
    {
        var page = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Take: 100, Shape: q => q.Where(r => r.Tier == 1).OrderByDescending(r => r.Domain).ThenBy(r => r.Key)));

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, r => Assert.Equal(1, r.Tier));
        Assert.Equal(page.Items.OrderByDescending(r => r.Domain, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key), page.Items.Select(r => r.Key));
    }

    [Fact]
    public async Task PagesSortedByDomain_ShowEveryServiceOnce_InDomainThenKeyOrder_AndTheCountIgnoresTheSort()
    {
        await using var db = sample.CreateContext();
        var all = await db.Services.CountAsync();
        var seen = new List<ServiceRow>();
        Page<ServiceRow> page;
        do
        {
            page = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Skip: seen.Count, Take: 7, Shape: q => q.OrderBy(r => r.Domain)));
            Assert.Equal(all, page.Total);
            seen.AddRange(page.Items);
        }
        while (page.Items.Count == 7);

        Assert.Equal(all, seen.Select(r => r.Key).Distinct().Count());
        Assert.Equal(seen.Count, all);
        Assert.Equal(
            seen.OrderBy(r => r.Domain, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key),
            seen.Select(r => r.Key));
    }

    [Fact]
    public async Task Owner_IsTheAccountableServiceOwner_AndEmptyWhereTheSampleHasAGap()
    {
        var page = await Queries.ServicesAsync(new ListRequest<ServiceRow>(Take: 100));

        Assert.Null(page.Items.Single(r => r.Key == "SVC-PARCEL-TRACKING").Owner);
        Assert.NotNull(page.Items.Single(r => r.Key == "SVC-CHECKOUT").Owner);
    }

    [Fact]
    public async Task Domains_CountTheirServicesAndConfigurationItems()
    {
        await using var db = sample.CreateContext();

        var page = await Queries.DomainsAsync(new ListRequest<DomainRow>(Take: 100));

        foreach (var row in page.Items)
        {
            Assert.Equal(await db.Services.CountAsync(s => s.DomainId == row.Id), row.Services);
            Assert.Equal(await db.ConfigurationItems.CountAsync(c => c.DomainId == row.Id), row.ConfigurationItems);
        }
    }

    [Fact]
    public async Task FindNodes_PicksAcrossServicesCisAndSuppliers()
    {
        var found = await Queries.FindNodesAsync("swiftline", take: 50);

        Assert.Contains(found, n => n.NodeType == NodeType.Supplier);
        Assert.Contains(found, n => n.NodeType == NodeType.Service);
        Assert.Equal("SUP-SWIFTLINE", (await Queries.FindNodeAsync("SUP-SWIFTLINE"))!.Key);
        Assert.Null(await Queries.FindNodeAsync("NOPE"));
    }
}
