using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Cmdb;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Cmdb;

public sealed class RelationshipTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        base.AddCoreServices(services);
        services.AddSingleton(Portal.Services.GetRequiredService<CmdbGraphService>());
        services.AddScoped<RelationshipEditor>();
        services.AddScoped<NodeDetailsQuery>();
    }

    private Task<NodeLink?> NodeAsync(string key) => Services.GetRequiredService<CatalogQueries>().FindNodeAsync(key);

    /// <summary>A new service with one relationship, DependsOn the sample's payments service; its details as a page reads them.</summary>
    private async Task<NodeDetails> ServiceDependingOnPaymentsAsync(string key, string name)
    {
        var saved = await Services.GetRequiredService<CatalogEditor>().SaveAsync(new ServiceForm { Key = key, Name = name });
        Assert.True(saved.Succeeded, saved.Summary);
        var payments = (await NodeAsync("SVC-PAYMENTS"))!;
        Assert.True((await Services.GetRequiredService<RelationshipEditor>().AddAsync(new RelationshipInput(saved.Value!.Id!.Value, payments.Id, RelationshipType.DependsOn))).Succeeded);
        return (await Services.GetRequiredService<NodeDetailsQuery>().GetAsync(key))!;
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(NodeLink node, RelationshipType type, NodeLink other)
    {
        var dialogs = RenderProviders();
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<RelationshipDialog>("Add a relationship",
            new DialogParameters<RelationshipDialog> { { d => d.Node, node }, { d => d.Type, type }, { d => d.Other, other } }));
        dialogs.WaitForElement("[data-testid=relationship-sentence]");
        return dialogs;
    }

    [Fact]
    public async Task APartOfCycleIsRefusedWithTheMessageInTheDialog()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var cluster = (await NodeAsync("CI-VMCLUSTER-AMS1"))!;
        var host = (await NodeAsync("CI-VMHOST-AMS1-01"))!; // the host is part of the cluster already
        var dialogs = await OpenAsync(cluster, RelationshipType.PartOf, host);
        Assert.Contains("is part of", dialogs.Find("[data-testid=relationship-sentence]").TextContent, StringComparison.Ordinal);

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("cycle", dialogs.Find("[data-testid=relationship-errors]").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=relationship-dialog]")); // still open
    }

    [Fact]
    public async Task AViewerIsRefusedWithAMessageNotTheErrorBoundary()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = await OpenAsync((await NodeAsync("SVC-CHECKOUT"))!, RelationshipType.DependsOn, (await NodeAsync("SUP-SWIFTLINE"))!);

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.Find("[data-testid=relationship-errors]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnEditorAddsARelationshipAndIsToldSo()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var checkout = (await NodeAsync("SVC-CHECKOUT"))!;
        var cluster = (await NodeAsync("CI-VMCLUSTER-AMS1"))!;
        var dialogs = await OpenAsync(checkout, RelationshipType.ConnectsTo, cluster);
        Assert.Equal($"{checkout.Name} connects to {cluster.Name}.", dialogs.Find("[data-testid=relationship-sentence]").TextContent.Trim());

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=relationship-dialog]")));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Relationship added");
        var details = await Services.GetRequiredService<NodeDetailsQuery>().GetAsync(checkout.Key);
        Assert.Contains(details!.Outgoing, l => l.OtherKey == cluster.Key && l.Type == RelationshipType.ConnectsTo);
    }

    [Fact]
    public async Task RemovingALinkSomeoneElseRemovedMeanwhile_SaysSoInASnackbar_ThePanelHasNoAlertOfItsOwn()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var details = await ServiceDependingOnPaymentsAsync("SVC-REL-GONE", "Link gone meanwhile");
        var line = Assert.Single(details.Outgoing);
        Assert.True((await Services.GetRequiredService<RelationshipEditor>().RemoveAsync(line.RelationshipId, line.Version)).Deleted); // another user removes it first
        var dialogs = RenderProviders();
        var panel = Render<RelationshipsPanel>(p => p.Add(r => r.Details, details));

        panel.Find("[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click());

        panel.WaitForAssertion(() => Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "It was already removed."));
    }

    [Fact]
    public async Task RemovingALinkTheRoleMayNotRemove_SaysSoOnceInASnackbar_ThePanelHasNoAlertOfItsOwn()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var details = await ServiceDependingOnPaymentsAsync("SVC-REL-ROLE", "Link kept for the role");
        var payments = (await NodeAsync("SVC-PAYMENTS"))!;
        var dialogs = RenderProviders();
        var panel = Render<RelationshipsPanel>(p => p.Add(r => r.Details, details));
        SignInAs(PortalRoles.Viewer); // the role changed after the panel showed its Remove button

        panel.Find("[data-testid=delete]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click());

        panel.WaitForAssertion(() => Assert.Equal($"Your sign-in role does not allow deleting the link with {payments.Name}.", Assert.Single(Snackbar.ShownSnackbars).Message));
        Assert.Single((await Services.GetRequiredService<NodeDetailsQuery>().GetAsync("SVC-REL-ROLE"))!.Outgoing);
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    public async Task AddAndRemoveShowOnlyToRolesThatMayEditTheCatalog(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();
        var details = (await Services.GetRequiredService<NodeDetailsQuery>().GetAsync("SVC-CHECKOUT"))!;

        var panel = Render<RelationshipsPanel>(p => p.Add(r => r.Details, details));

        Assert.NotEmpty(panel.FindAll("[data-testid^=group-out-]"));
        Assert.Equal(shown, panel.FindAll("[data-testid=add-relationship]").Count == 1);
        Assert.Equal(shown, panel.FindAll("[data-testid=delete]").Count > 0);
    }
}
