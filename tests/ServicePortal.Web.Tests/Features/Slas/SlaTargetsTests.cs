using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

public sealed class SlaTargetsTests(PortalFactory portal) : SlaComponentTest(portal)
{
    [Fact]
    public async Task TheGridListsTheTargetsWithTheirLatestResultAndTheBreachStreak()
    {
        var total = (await Queries.TargetsAsync()).Count;
        RenderProviders();

        var page = Render<SlaTargets>();

        page.WaitForAssertion(() => Assert.Equal(Math.Min(total, 25), page.FindAll("[data-testid=targets-grid] tbody tr.mud-table-row").Count));
        Assert.NotEmpty(page.FindAll("[data-testid=targets-grid] [data-result]"));
    }

    [Fact]
    public async Task AContractLinkNarrowsTheTargetsToThatContract()
    {
        var contract = (await Queries.ContractChoicesAsync()).First(c => c.Reference == "CT-2024-NBP-01");
        var expected = (await Queries.TargetsAsync(contractId: contract.Id)).Count;
        Assert.True(expected < (await Queries.TargetsAsync()).Count);
        Services.GetRequiredService<NavigationManager>().NavigateTo(SlaRoutes.Targets(contractReference: "CT-2024-NBP-01"));
        RenderProviders();

        var page = Render<SlaTargets>();

        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll("[data-testid=targets-grid] tbody tr.mud-table-row").Count));
        Assert.Contains("CT-2024-NBP-01", page.Find("[data-testid=contract-filter]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.SupplierManager, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    public void EditActionsShowOnlyToRolesThatMayEditSuppliersAndSlas(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<SlaTargets>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count > 0);
    }

    [Fact]
    public async Task TheDialogValidatesThenSavesANewTargetOfAContract()
    {
        SignInAs(PortalRoles.SupplierManager);
        var dialogs = RenderProviders();
        var contract = (await Queries.ContractChoicesAsync()).First(c => c.Reference == "CT-2024-NBP-01");
        var form = new SlaTargetForm { ContractId = contract.Id };

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SlaTargetDialog>("New SLA target",
            new DialogParameters<SlaTargetDialog> { { d => d.Form, form }, { d => d.Verb, "created" } }));
        dialogs.WaitForElement("[data-testid=save]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-error")));
        Assert.DoesNotContain(await Queries.TargetsAsync(), t => t.Key == "NBP-TEST");

        await dialogs.InvokeAsync(() =>
        {
            form.Key = "NBP-TEST";
            form.Name = "Test availability";
            form.ServiceId = contract.ServiceIds[0];
        });
        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=target-dialog]")));
        Assert.Contains(await Queries.TargetsAsync(), t => t.Key == "NBP-TEST");
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message is { } m && m.Contains("NBP-TEST was created", StringComparison.Ordinal));
    }
}
