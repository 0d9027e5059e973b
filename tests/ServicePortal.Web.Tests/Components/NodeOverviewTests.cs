using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Components;

public class NodeOverviewTests
{
    [Fact]
    public async Task Overview_ShowsAttributesOwnersAndContracts()
    {
        await using var rendering = new ComponentRendering(user: ComponentRendering.User("viewer@demo.local", PortalRoles.Viewer));

        var page = await rendering.RenderAsync<NodeOverview>(new Dictionary<string, object?> { ["Details"] = Details("Plain description") });

        var attributes = page.QuerySelector("[data-testid=attributes]")!.TextContent;
        Assert.Contains("Customer Channels", attributes, StringComparison.Ordinal);
        Assert.Contains("Criticality tier", attributes, StringComparison.Ordinal);
        Assert.Contains("Ada Owner", page.QuerySelector("[data-testid=owners]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("has left", page.QuerySelector("[data-testid=owners]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CT-1", page.QuerySelector("[data-testid=contracts]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserText_IsRenderedAsTextNeverAsMarkup()
    {
        await using var rendering = new ComponentRendering(user: ComponentRendering.User("viewer@demo.local", PortalRoles.Viewer));

        var page = await rendering.RenderAsync<NodeOverview>(new Dictionary<string, object?>
        {
            ["Details"] = Details("<script>alert('x')</script><img src=x onerror=alert(1)>"),
        });

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("img"));
        Assert.Contains("<script>alert('x')</script>", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private static NodeDetails Details(string description) => new(
        new ServiceForm { Id = 1, Key = "SVC-X", Name = "X", Description = description, Tier = 1, Kind = ServiceKind.Business },
        "Customer Channels",
        [],
        [],
        [new OwnerLine(1, "Ada Owner", "ada@example.test", "Service owner", Raci.Accountable, HasLeft: true)],
        [new ContractLine(1, "CT-1", "Hosting", "Acme", new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1), ServicePortal.Core.Suppliers.ContractStatus.Active, 2)],
        DateTime.UtcNow,
        DateTime.UtcNow,
        null);
}
