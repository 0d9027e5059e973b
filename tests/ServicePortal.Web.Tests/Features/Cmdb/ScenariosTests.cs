using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Cmdb;

/// <summary>The what-if scenarios page: open a saved scenario and see what breaks, edit and save it, compare it; a Viewer only reads.</summary>
public sealed class ScenariosTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(Portal.Services.GetRequiredService<ScenarioService>());
        services.AddSingleton<ICurrentActor>(new Cio());
    }

    private ScenarioService Store => Portal.Services.GetRequiredService<ScenarioService>();

    private async Task<ScenarioDetail> SavedAsync(string name, params ScenarioMarkInput[] marks) =>
        (await Store.SaveAsync(null, new ScenarioInput(name, null, marks), "cio@demo.local", Xunit.TestContext.Current.CancellationToken)).Value!;

    private IRenderedComponent<Scenarios> Open(int id)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(CmdbRoutes.Scenarios(id));
        RenderProviders();
        return Render<Scenarios>();
    }

    [Fact]
    public async Task AnEditor_OpensAScenario_SwitchesAMarkToDegraded_AndSavesIt()
    {
        SignInAs(PortalRoles.Cio);
        var saved = await SavedAsync("UI: carrier and gateway", new ScenarioMarkInput("SUP-SWIFTLINE"), new ScenarioMarkInput("SVC-PAYMENT-GATEWAY-SP"));
        var page = Open(saved.Id);
        page.WaitForElement("[data-testid=scenario-impact]");
        Assert.Equal("UI: carrier and gateway", page.Find("input[data-testid=scenario-name]").GetAttribute("value"));
        Assert.NotEmpty(page.FindAll("[data-testid=scenario-service]"));

        page.Find("[data-testid=marked-node][data-node=SVC-PAYMENT-GATEWAY-SP]").Click();
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Scenario saved"));
        var stored = await Store.GetAsync(saved.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(ScenarioMark.Degraded, stored!.Nodes.Single(n => n.Node.Key == "SVC-PAYMENT-GATEWAY-SP").Mark);
        Assert.Equal(saved.Version + 1, stored.Version);
    }

    [Fact]
    public async Task SavingWithoutAName_NamesTheField_AndKeepsWhatWasStored()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var saved = await SavedAsync("UI: nameless", new ScenarioMarkInput("SUP-SWIFTLINE"));
        var page = Open(saved.Id);
        page.WaitForElement("[data-testid=scenario-impact]");

        page.Find("input[data-testid=scenario-name]").Input("");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("The name is required.", page.Find("[data-testid=scenario-editor]").TextContent, StringComparison.Ordinal));
        Assert.Equal("UI: nameless", (await Store.GetAsync(saved.Id, Xunit.TestContext.Current.CancellationToken))!.Name);
    }

    [Fact]
    public async Task AViewer_ReadsAScenario_WithoutEditing_AndComparesItWithToday()
    {
        SignInAs(PortalRoles.Viewer);
        var saved = await SavedAsync("UI: viewer reads", new ScenarioMarkInput("SUP-SWIFTLINE"));
        var page = Open(saved.Id);
        page.WaitForElement("[data-testid=scenario-impact]");

        Assert.Empty(page.FindAll("[data-testid=save]"));
        Assert.Empty(page.FindAll("[data-testid=new]"));
        Assert.Empty(page.FindAll("[data-testid=scenario-name]"));
        Assert.Equal("Failed", page.Find("[data-testid=marked-node]").GetAttribute("data-mark"));

        page.Find("[data-testid=compare]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=comparison-row][data-key=SVC-CARRIER-PARCEL]")));
        Assert.Contains(ScenarioService.TodayLabel, page.Find("[data-testid=comparison-table] thead").TextContent, StringComparison.Ordinal);
    }

    private sealed class Cio : ICurrentActor
    {
        public string Name => "cio@demo.local";
    }
}
