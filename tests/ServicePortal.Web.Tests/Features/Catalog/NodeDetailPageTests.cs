using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Catalog;

public sealed class NodeDetailPageTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddScoped<NodeDetailsQuery>();
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.SupplierManager, false)]
    public async Task ActionsShowOnlyToRolesThatMayEditTheCatalog(string role, bool shown)
    {
        var key = await AddServiceAsync($"SVC-ROLE-{role.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}");
        SignInAs(role);
        RenderProviders();

        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));

        page.WaitForAssertion(() => Assert.Equal("Detail page service", page.Find("[data-testid=node-name]").TextContent.Trim()));
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=retire]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count == 1);
    }

    [Fact]
    public void AnUnknownKeySaysNotFound()
    {
        RenderProviders();

        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, "SVC-NOBODY-HAS-THIS"));

        page.WaitForAssertion(() => Assert.Contains("SVC-NOBODY-HAS-THIS", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetireAsksFirstThenRetiresAndSaysSo()
    {
        var key = await AddServiceAsync("SVC-TO-RETIRE");
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));

        page.WaitForElement("[data-testid=retire]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Retire Detail page service?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Retire").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=retire]")));
        Assert.Equal("Retired", page.Find("[data-testid=lifecycle]").TextContent.Trim());
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Detail page service is retired");
    }

    [Fact]
    public async Task DeleteAsksFirstThenDeletesAndReturnsToTheList()
    {
        var key = await AddServiceAsync("SVC-TO-DELETE");
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));

        page.WaitForElement("[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("for good?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith(CatalogRoutes.Services(), navigation.Uri, StringComparison.Ordinal));
        Assert.Null(await Services.GetRequiredService<NodeDetailsQuery>().GetAsync(key));
    }

    [Theory]
    [InlineData("delete", "Delete", "delete-refused", "Not deleted. Your sign-in role does not allow deleting Detail page service.")]
    [InlineData("retire", "Retire", "form-error", "Your sign-in role does not allow this")]
    public async Task AnActionRefusedForTheRole_IsSaidOnceInThePagesAlert_AndPopsNoSnackbar(string action, string confirm, string alert, string message)
    {
        var key = await AddServiceAsync($"SVC-{action.ToUpperInvariant()}-ROLE");
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));
        page.WaitForElement($"[data-testid={action}]");
        SignInAs(PortalRoles.Viewer); // the role changed after the page showed the button

        page.Find($"[data-testid={action}]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == confirm).Click());

        page.WaitForAssertion(() => Assert.Contains(message, page.Find($"[data-testid={alert}]").TextContent, StringComparison.Ordinal));
        Assert.Single(Regex.Matches(page.Markup, "does not allow"));
        Assert.Empty(Snackbar.ShownSnackbars);
        var details = await Services.GetRequiredService<NodeDetailsQuery>().GetAsync(key);
        Assert.NotNull(details);
        Assert.NotEqual(Lifecycle.Retired, details.Form.Lifecycle);
    }

    [Fact]
    public async Task EditSavesThroughTheDialogAndTheHistoryTabShowsTheChange()
    {
        var key = await AddServiceAsync("SVC-TO-EDIT");
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));

        page.WaitForElement("[data-testid=edit]").Click();
        dialogs.WaitForElement("input[data-testid=name], [data-testid=name] input").Change("Renamed service");
        dialogs.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal("Renamed service", page.Find("[data-testid=node-name]").TextContent.Trim()));
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "History").Click();
        page.WaitForAssertion(() => Assert.Contains("Renamed service", page.Find("[data-testid=history]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANodeFromBackstage_ShowsItsTagsLinks_AndIsMarkedDeprecated()
    {
        var key = await AddServiceAsync("CMP-DETAIL-BACKSTAGE");
        await using (var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ServicePortal.Core.Data.PortalDbContext>>().CreateDbContextAsync())
        {
            var node = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Nodes, n => n.Key == key);
            node.Deprecated = true;
            node.Descriptor = new NodeDescriptor { Tags = ["java"], Links = [new NodeWebLink { Url = "https://runbook.example/x", Title = "Runbook" }] };
            await db.SaveChangesAsync();
        }

        RenderProviders();

        var page = Render<NodeDetailPage>(p => p.Add(d => d.Key, key));

        page.WaitForAssertion(() => Assert.Equal("Deprecated", page.Find("[data-testid=deprecated]").TextContent.Trim()));
        Assert.Equal("java", page.Find("[data-testid=tags]").TextContent.Trim());
        Assert.Equal("Runbook", page.Find("[data-testid=links] a").TextContent.Trim());
    }

    private async Task<string> AddServiceAsync(string key)
    {
        var saved = await Services.GetRequiredService<CatalogEditor>().SaveAsync(new ServiceForm { Key = key, Name = "Detail page service", Tier = 3 });
        Assert.True(saved.Succeeded, saved.Summary);
        return key;
    }
}
