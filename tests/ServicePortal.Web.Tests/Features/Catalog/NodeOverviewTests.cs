using Bunit;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class NodeOverviewTests(PortalFactory portal) : PortalComponentTest(portal)
{
    [Fact]
    public void TheOverviewShowsAttributesOwnersAndContracts()
    {
        var page = Render<NodeOverview>(p => p.Add(o => o.Details, Details("Plain description")));

        var attributes = page.Find("[data-testid=attributes]").TextContent;
        Assert.Contains("Customer Channels", attributes, StringComparison.Ordinal);
        Assert.Contains("Criticality tier", attributes, StringComparison.Ordinal);
        Assert.Contains("Ada Owner", page.Find("[data-testid=owners]").TextContent, StringComparison.Ordinal);
        Assert.Contains("has left", page.Find("[data-testid=owners]").TextContent, StringComparison.Ordinal);
        Assert.Contains("CT-1", page.Find("[data-testid=contracts]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AServicesContracts_NameTheirSupplier_ButASuppliersOwnContractsDoNot()
    {
        var service = Render<NodeOverview>(p => p.Add(o => o.Details, Details("x")));
        var supplier = Render<NodeOverview>(p => p.Add(o => o.Details, Details("x") with { Form = new SupplierForm { Id = 2, Key = "SUP-ACME", Name = "Acme" } }));

        Assert.Contains("Supplier", ColumnTitles(service));
        Assert.DoesNotContain("Supplier", ColumnTitles(supplier));
        Assert.Contains("Ends", ColumnTitles(supplier));
    }

    [Fact]
    public void ARecordedAtRiskStatusReadsAtRiskInTheWarningColour()
    {
        var page = Render<NodeOverview>(p => p.Add(o => o.Details, Details("x", OperationalStatus.AtRisk)));

        var status = page.Find("[data-testid=recorded-status]");
        Assert.Equal("At risk", status.TextContent.Trim());
        Assert.Contains("warning", status.ClassName, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UserTextIsRenderedAsTextNeverAsMarkup()
    {
        var page = Render<NodeOverview>(p => p.Add(o => o.Details, Details("<script>alert('x')</script><img src=x onerror=alert(1)>")));

        Assert.Empty(page.FindAll("script"));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains("<script>alert('x')</script>", page.Find("[data-testid=description]").TextContent, StringComparison.Ordinal);
    }

    private static List<string> ColumnTitles(IRenderedComponent<NodeOverview> page) =>
        page.FindAll("[data-testid=contracts] th").Select(th => th.TextContent.Trim()).ToList();

    private static NodeDetails Details(string description, OperationalStatus status = OperationalStatus.Healthy) => new(
        new ServiceForm { Id = 1, Key = "SVC-X", Name = "X", Description = description, Tier = 1, Kind = ServiceKind.Business, Status = status },
        "Customer Channels",
        [],
        [],
        [new OwnerLine(1, "Ada Owner", "ada@example.test", "Service owner", Raci.Accountable, HasLeft: true)],
        [new ContractLine(1, "CT-1", "Hosting", "Acme", new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1), ServicePortal.Core.Suppliers.ContractStatus.Active, 2)],
        DateTime.UtcNow,
        DateTime.UtcNow,
        null);
}
