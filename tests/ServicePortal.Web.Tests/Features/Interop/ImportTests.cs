using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Interop;

public sealed class ImportTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(_ => Portal.Services.GetRequiredService<CatalogImport>());
    }

    [Fact]
    public async Task AValidFileIsPreviewedThenImportedAndSaysSo()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "key,name,kind,tier\nSVC-UI-IMPORT-1,Imported one,Business,2\nSVC-UI-IMPORT-2,Imported two,Application,3\n", "services.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));
        Assert.True(page.Find("[data-testid=import-commit]").HasAttribute("disabled"));
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains("2 to add", page.Find("[data-testid=count-add]").TextContent, StringComparison.Ordinal));
        Assert.Contains("0 with errors", page.Find("[data-testid=count-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(await ServicesAsync("SVC-UI-IMPORT")); // a preview stores nothing
        page.Find("[data-testid=import-commit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Imported.", page.Find("[data-testid=import-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-text-success", page.Find("[data-testid=import-result]").OuterHtml, StringComparison.Ordinal);
        Assert.Equal(["Imported one", "Imported two"], (await ServicesAsync("SVC-UI-IMPORT")).Select(s => s.Name).Order());
        page.WaitForAssertion(() => Assert.Contains("2 unchanged", page.Find("[data-testid=count-unchanged]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadFileListsEachBadRowWithItsFieldAndNothingIsSaved()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "key,name,kind\nSVC-UI-GOOD,Good row,Business\nSVC-UI-BAD,Bad row,Galactic\n", "services.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-errors] tbody tr")));
        var cells = page.Find("[data-testid=import-errors] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("row 3", cells[0]);
        Assert.Equal("kind", cells[1], ignoreCase: true);
        Assert.Contains("Galactic", cells[2], StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=import-errors] tbody tr"));
        Assert.True(page.Find("[data-testid=import-commit]").HasAttribute("disabled"));
        Assert.Empty(await ServicesAsync("SVC-UI-GOOD")); // all or nothing: the good row waits for the bad one
    }

    [Fact]
    public void AFileThatIsNotTheRightCsvIsRefusedAsAWhole()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("name,kind\nNo key,Business\n", "services.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains("'key'", page.Find("[data-testid=import-refused]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=import-commit]").HasAttribute("disabled"));
    }

    [Fact]
    public void AFileLargerThanTheLimitIsRefusedBeforeAnyPreview()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[CatalogImport.MaxInputBytes + 1], "huge.csv"));

        page.WaitForAssertion(() => Assert.Contains("larger than 10 MB", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=import-preview]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    [InlineData(PortalRoles.SupplierManager, true)]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Admin, true)]
    public void OnlyRolesThatMayImportReachThePage(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var route = Render<AuthorizeRouteView>(p => p
            .Add(r => r.RouteData, new RouteData(typeof(Import), new Dictionary<string, object?>()))
            .Add(r => r.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => b => b.AddMarkupContent(0, "<p data-testid=\"denied\">denied</p>"))));

        route.WaitForAssertion(() => Assert.Equal(shown, route.FindAll("[data-testid=import-file]").Count == 1));
        Assert.Equal(!shown, route.FindAll("[data-testid=denied]").Count == 1);
    }

    [Fact]
    public async Task ASupplierManagerIsOfferedOnlyTheSupplierImport()
    {
        SignInAs(PortalRoles.SupplierManager);
        var popovers = Render<MudBlazor.MudPopoverProvider>();

        var page = Render<Import>();

        var format = page.FindComponent<MudBlazor.MudSelect<ImportFormat>>();
        await format.InvokeAsync(format.Instance.OpenMenu);

        Assert.Equal("Suppliers (CSV)", page.Find("input[data-testid=import-format]").GetAttribute("value"));
        popovers.WaitForAssertion(() => Assert.Equal(["Suppliers (CSV)"], popovers.FindAll("[role=option]").Select(o => o.TextContent.Trim())));
    }

    [Fact]
    public async Task GovernanceStaffAreOfferedEveryFormat()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<Import>();

        var format = page.FindComponent<MudBlazor.MudSelect<ImportFormat>>();
        await format.InvokeAsync(format.Instance.OpenMenu);

        Assert.Equal("Services (CSV)", page.Find("input[data-testid=import-format]").GetAttribute("value"));
        popovers.WaitForAssertion(() => Assert.Equal(6, popovers.FindAll("[role=option]").Count));
    }

    [Fact]
    public async Task ABackstageSourcesRemovalsAreListedTicked_AndAnUntickedOneIsKept()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<Import>();
        var select = page.FindComponent<MudBlazor.MudSelect<ImportFormat>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ImportFormat.Backstage));
        var run = Guid.NewGuid().ToString("N")[..8];
        string Yaml(params string[] names) => string.Join("\n---\n", names.Select(n => $"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ui-{run}-{n}\nspec:\n  type: service\n  lifecycle: production\n"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Yaml("a", "b", "c"), "shop.yaml"));
        page.WaitForAssertion(() => Assert.Equal("shop.yaml", page.Find("input[data-testid=import-source], [data-testid=import-source] input").GetAttribute("value")));
        page.Find("input[data-testid=import-source], [data-testid=import-source] input").Input($"ui-sync-{run}");
        page.Find("[data-testid=import-preview]").Click();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-commit]").HasAttribute("disabled")));
        page.Find("[data-testid=import-commit]").Click();
        page.WaitForAssertion(() => Assert.Contains("Imported.", page.Find("[data-testid=import-result]").TextContent, StringComparison.Ordinal));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Yaml("a"), "shop.yaml"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=import-removals-table] tbody tr").Count));
        Assert.Equal([$"CMP-ui-{run}-b", $"CMP-ui-{run}-c"], page.FindAll("[data-testid=import-removals-table] tbody tr code").Select(c => c.TextContent.Trim()));
        Assert.All(page.FindAll("input[data-testid=removal-tick]"), tick => Assert.True(tick.HasAttribute("checked") || tick.GetAttribute("aria-checked") == "true"));
        Assert.Contains("2 to remove", page.Find("[data-testid=count-remove]").TextContent, StringComparison.Ordinal);
        page.Find($"input[aria-label='Remove CMP-ui-{run}-c']").Change(false);
        page.WaitForAssertion(() => Assert.Contains("1 of 2 to remove", page.Find("[data-testid=removal-count]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=import-commit]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("removes 1 entry", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Import and remove").Click();

        page.WaitForAssertion(() => Assert.Contains("1 removed", page.Find("[data-testid=import-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal([$"CMP-ui-{run}-a", $"CMP-ui-{run}-c"], (await ServicesAsync($"CMP-ui-{run}")).Select(s => s.Key).Order(StringComparer.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("0 of 1 to remove", page.Find("[data-testid=removal-count]").TextContent, StringComparison.Ordinal)); // the kept one stays unticked
    }

    [Fact]
    public async Task ASourceNameWithControlCharactersIsAMessageNotAPreview()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();
        var select = page.FindComponent<MudBlazor.MudSelect<ImportFormat>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ImportFormat.Backstage));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: never-stored\n", "catalog-info.yaml"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));

        page.Find("input[data-testid=import-source], [data-testid=import-source] input").Input("shop\u0007repo");
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains("control characters", page.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=import-items]"));
    }

    private async Task<IReadOnlyList<ServiceRow>> ServicesAsync(string search) =>
        (await Services.GetRequiredService<CatalogQueries>().ServicesAsync(new ListRequest<ServiceRow>(Take: 50, Search: search))).Items;
}
