using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

public sealed class ContractsTests(PortalFactory portal) : SlaComponentTest(portal)
{
    [Fact]
    public async Task TheGridListsTheContractsAndTheAlerts()
    {
        var total = (await Queries.ContractsAsync()).Count;
        RenderProviders();

        var page = Render<Contracts>();

        page.WaitForAssertion(() => Assert.Equal(Math.Min(total, 20), page.FindAll("[data-testid=contracts-grid] tbody tr.mud-table-row").Count));
        Assert.NotNull(page.Find("[data-testid=contract-alerts], [data-testid=no-contract-alerts]"));
    }

    [Fact]
    public async Task AFewContracts_HaveNoPager_ButMoreThanAPage_Do()
    {
        var all = await Queries.ContractsAsync();
        Assert.True(all.Count > 20, "The seed needs more than a page of contracts.");

        var few = Render<ContractsGrid>(p => p.Add(g => g.Contracts, all.Take(2).ToList()).Add(g => g.ReadOnly, true));
        var many = Render<ContractsGrid>(p => p.Add(g => g.Contracts, all).Add(g => g.ReadOnly, true));

        Assert.Equal(2, few.FindAll("[data-testid=contract-cell]").Count);
        Assert.Empty(few.FindAll("[data-testid=contracts-pager]"));
        Assert.Single(many.FindAll("[data-testid=contracts-pager]"));
    }

    [Fact]
    public void TheContractLinkOfAGapShowsThatContractOnly()
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(SlaRoutes.Contracts(contractReference: "CT-2024-NBP-01"));
        RenderProviders();

        var page = Render<Contracts>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=contracts-grid] tbody tr.mud-table-row")));
        Assert.Contains("CT-2024-NBP-01", page.Find("[data-testid=contracts-grid] tbody tr").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=contract-filter]"));
    }

    [Theory]
    [InlineData(PortalRoles.SupplierManager, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    [InlineData(PortalRoles.GovernanceStaff, false)]
    public void EditActionsShowOnlyToRolesThatMayEditSuppliersAndSlas(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<Contracts>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count > 0);
    }

    [Fact]
    public async Task TheDialogShowsFieldMessagesAndSavesNothingWhenInvalid()
    {
        SignInAs(PortalRoles.SupplierManager);
        var dialogs = RenderProviders();
        var before = (await Queries.ContractsAsync()).Count;

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ContractDialog>("New contract",
            new DialogParameters<ContractDialog> { { d => d.Form, new ContractForm() } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Reference is required.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Supplier is required.", dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(before, (await Queries.ContractsAsync()).Count);
    }

    [Fact]
    public async Task TheDialogSavesANewContractAndSaysSo()
    {
        SignInAs(PortalRoles.SupplierManager);
        var dialogs = RenderProviders();
        var supplier = (await Queries.SuppliersAsync())[0];
        var form = new ContractForm
        {
            Reference = "CT-TEST-NEW", Title = "Test contract", SupplierId = supplier.Id,
            StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2028, 12, 31), AnnualValue = 1000,
        };

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ContractDialog>("New contract",
            new DialogParameters<ContractDialog> { { d => d.Form, form } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=contract-dialog]")));
        Assert.Contains(await Queries.ContractsAsync(supplier.Id), c => c.Reference == "CT-TEST-NEW");
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message is { } m && m.Contains("CT-TEST-NEW was created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedSaveShowsWhyInTheDialog()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();
        var supplier = (await Queries.SuppliersAsync())[0];
        var form = new ContractForm
        {
            Reference = "CT-TEST-REFUSED", Title = "Refused", SupplierId = supplier.Id,
            StartDate = new DateOnly(2026, 1, 1), EndDate = new DateOnly(2027, 12, 31),
        };

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ContractDialog>("New contract",
            new DialogParameters<ContractDialog> { { d => d.Form, form } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.Find("[data-testid=form-error]").TextContent));
        Assert.DoesNotContain(await Queries.ContractsAsync(), c => c.Reference == "CT-TEST-REFUSED");
    }
}
