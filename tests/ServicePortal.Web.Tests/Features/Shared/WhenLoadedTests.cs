using Bunit;
using Microsoft.AspNetCore.Components;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Shared;

public sealed class WhenLoadedTests(PortalFactory portal) : PortalComponentTest(portal)
{
    private static readonly RenderFragment Form = builder => builder.AddMarkupContent(0, "<form data-testid=\"the-form\"></form>");

    [Fact]
    public void TheFormWaitsBehindAProgressBarUntilItsDataHasArrived()
    {
        var panel = Render<WhenLoaded>(p => p.Add(w => w.Loaded, false).Add(w => w.ChildContent, Form));

        Assert.Empty(panel.FindAll("[data-testid=the-form]"));
        Assert.Equal("Loading", panel.Find("[data-testid=dialog-loading]").GetAttribute("aria-label"));

        panel.Render(p => p.Add(w => w.Loaded, true));

        Assert.Single(panel.FindAll("[data-testid=the-form]"));
        Assert.Empty(panel.FindAll("[data-testid=dialog-loading]"));
        Assert.Empty(panel.FindAll("[data-testid=load-error]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnErrorShowsItsMessageInsteadOfTheFormOrTheProgressBar(bool loaded)
    {
        var panel = Render<WhenLoaded>(p => p.Add(w => w.Loaded, loaded).Add(w => w.Error, "The domain was deleted meanwhile.").Add(w => w.ChildContent, Form));

        Assert.Equal("The domain was deleted meanwhile.", panel.Find("[data-testid=load-error]").TextContent.Trim());
        Assert.Empty(panel.FindAll("[data-testid=the-form]"));
        Assert.Empty(panel.FindAll("[data-testid=dialog-loading]"));
    }
}
