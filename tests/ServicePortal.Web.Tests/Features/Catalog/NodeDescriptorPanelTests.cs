using Bunit;
using ServicePortal.Core.Catalog;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class NodeDescriptorPanelTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private static NodeDescriptor Descriptor() => new()
    {
        Type = "website",
        Lifecycle = "production",
        Tags = ["web", "typescript"],
        Links =
        [
            new NodeWebLink { Url = "https://docs.example/booking", Title = "Docs" },
            new NodeWebLink { Url = "javascript:alert(1)", Title = "Sneaky" },
        ],
        Annotations = [new NodeAnnotation { Key = "github.com/project-slug", Value = "harbour/booking-web" }],
    };

    [Fact]
    public void ShowsTagsAsChips_AndAnnotations()
    {
        var panel = Render<NodeDescriptorPanel>(p => p.Add(d => d.Descriptor, Descriptor()));

        Assert.Equal(["web", "typescript"], panel.FindAll("[data-testid=tags] [role=listitem]").Select(c => c.TextContent.Trim()));
        Assert.Equal("website", panel.Find("[data-testid=descriptor-type]").TextContent);
        Assert.Contains("harbour/booking-web", panel.Find("[data-testid=annotations]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpLinksOpenInANewTab_OtherSchemesAreTextOnly()
    {
        var panel = Render<NodeDescriptorPanel>(p => p.Add(d => d.Descriptor, Descriptor()));

        var link = Assert.Single(panel.FindAll("[data-testid=links] a"));
        Assert.Equal("https://docs.example/booking", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains("noopener", link.GetAttribute("rel"), StringComparison.Ordinal);
        Assert.Contains("javascript:alert(1)", panel.Find("[data-testid=links]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(panel.FindAll("[href]"), a => a.GetAttribute("href")!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheOverviewShowsTheCatalogPanelOnlyWhenThereIsSomethingToShow()
    {
        NodeDetails Details(NodeDescriptor descriptor) => new(
            new ServiceForm { Id = 1, Key = "CMP-x", Name = "X", Tier = 3, Kind = ServiceKind.Application }, null, [], [], [], [], DateTime.UtcNow, DateTime.UtcNow, null)
        {
            Descriptor = descriptor,
        };

        var plain = Render<NodeOverview>(p => p.Add(o => o.Details, Details(new NodeDescriptor())));
        var imported = Render<NodeOverview>(p => p.Add(o => o.Details, Details(Descriptor())));

        Assert.Empty(plain.FindAll("[data-testid=descriptor]"));
        Assert.Single(imported.FindAll("[data-testid=descriptor]"));
    }
}
