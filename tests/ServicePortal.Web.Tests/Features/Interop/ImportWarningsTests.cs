using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Web.Features.Interop;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Interop;

/// <summary>The import preview's warnings: one filterable, searchable, paged list instead of one alert each.</summary>
public sealed class ImportWarningsTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(_ => Portal.Services.GetRequiredService<CatalogImport>());
    }

    private static List<ImportIssue> ManyWarnings() =>
    [
        .. Enumerable.Range(1, 90).Select(i => new ImportIssue($"Component svc-{i} (catalog-{i}.yaml document 1 (line 1))", "spec.owner",
            $"'team-{i}' (group:default/team-{i}) is neither in the uploaded files nor in the portal; the relationship is skipped")),
        .. Enumerable.Range(1, 30).Select(i => new ImportIssue($"Resource db-{i} (resources.yaml document {i} (line 1))", "spec.type", $"'widget-{i}' is not a resource type the portal maps; imported as a cloud resource")),
        new ImportIssue("templates.yaml", "kind", "2 Template entities (scaffolder.backstage.io/v1beta3) are not imported: the portal has no such concept."),
    ];

    [Fact]
    public void HundredsOfWarnings_AreOnePagedList_CountedByKind_FilteredAndSearched()
    {
        RenderProviders();
        var list = Render<ImportWarnings>(p => p.Add(w => w.Warnings, ManyWarnings()));

        Assert.Equal("121 warnings", list.Find("[data-testid=warning-count]").TextContent.Trim());
        Assert.Equal("All (121)", list.Find("[data-testid=warning-filter-all]").TextContent.Trim());
        Assert.Equal("spec.owner (90)", list.Find("[data-testid='warning-filter-spec.owner']").TextContent.Trim());
        Assert.Equal("spec.type (30)", list.Find("[data-testid='warning-filter-spec.type']").TextContent.Trim());
        Assert.Equal("kinds not imported (1)", list.Find("[data-testid=warning-filter-kind]").TextContent.Trim());
        Assert.Equal(25, list.FindAll("[data-testid=import-warnings-table] tbody tr").Count); // paged, not 121 alerts

        list.Find("[data-testid='warning-filter-spec.type']").Click();
        list.WaitForAssertion(() => Assert.Equal("Showing 30 of 121", list.Find("[data-testid=warning-shown]").TextContent.Trim()));
        Assert.All(list.FindAll("[data-testid=import-warnings-table] tbody tr"), row => Assert.Contains("spec.type", row.TextContent, StringComparison.Ordinal));
        Assert.Equal("true", list.Find("[data-testid='warning-filter-spec.type']").GetAttribute("aria-pressed"));

        list.Find("[data-testid=warning-filter-all]").Click();
        list.Find("input[data-testid=warning-search], [data-testid=warning-search] input").Input("TEAM-42)");
        list.WaitForAssertion(() => Assert.Equal("Showing 1 of 121", list.Find("[data-testid=warning-shown]").TextContent.Trim()));
        var cells = list.Find("[data-testid=import-warnings-table] tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Component svc-42 (catalog-42.yaml document 1 (line 1))", "spec.owner"], cells.Take(2));

        list.Find("input[data-testid=warning-search], [data-testid=warning-search] input").Input("no such thing");
        list.WaitForAssertion(() => Assert.NotNull(list.Find("[data-testid=warning-none]")));
    }

    [Fact]
    public async Task ABackstageCatalogInfoOnItsOwn_PreviewsWithItsWarningsListed_AndCanBeImported()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<Import>();
        var format = page.FindComponent<MudBlazor.MudSelect<ImportFormat>>();
        await format.InvokeAsync(() => format.Instance.ValueChanged.InvokeAsync(ImportFormat.Backstage));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: { name: ui-warnings-web, labels: { tier: gold } }
            spec: { type: website, lifecycle: production, owner: team-nowhere }
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: new-service }
            spec: { type: service }
            """, "catalog-info.yaml"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-preview]").HasAttribute("disabled")));
        page.Find("[data-testid=import-preview]").Click();

        page.WaitForAssertion(() => Assert.Equal("3 warnings", page.Find("[data-testid=warning-count]").TextContent.Trim()));
        var rows = page.FindAll("[data-testid=import-warnings-table] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("spec.owner", StringComparison.Ordinal) && r.Contains("'team-nowhere'", StringComparison.Ordinal) && r.Contains("catalog-info.yaml", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("1 Template entity (scaffolder.backstage.io/v1beta3)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("metadata.labels", StringComparison.Ordinal) && r.Contains("does not keep", StringComparison.Ordinal)); // spec.type is kept
        Assert.Contains("1 to add", page.Find("[data-testid=count-add]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=import-commit]").HasAttribute("disabled"));
    }
}
