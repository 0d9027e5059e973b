using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class RolesTests(PortalFactory portal) : GovernanceComponentTest(portal)
{
    [Fact]
    public async Task TheGridLoadsTheRolesAndSearchNarrowsThemOnTheServer()
    {
        var all = await Directory.RolesAsync();
        RenderProviders();
        var page = Render<Roles>();
        page.WaitForAssertion(() => Assert.Equal(Math.Min(all.Count, 20), page.FindAll($"[data-testid=roles-grid] {Rows}").Count));

        var matching = (await Directory.RolesAsync("conductor")).Select(r => r.Key).Order().ToList();
        Assert.InRange(matching.Count, 1, all.Count - 1);

        page.Find("input[data-testid=search], [data-testid=search] input").Input("conductor");

        page.WaitForAssertion(() => Assert.Equal(matching, page.FindAll($"{Rows} td:first-child").Select(td => td.TextContent.Trim()).Order()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ARoleKeyInTheAddressListsItsHolders()
    {
        var owner = await RoleAsync(GovernanceRoleKeys.PracticeOwner);
        RenderProviders();

        var page = Render<Roles>(p => p.Add(x => x.Key, owner.Key.ToLowerInvariant()));

        page.WaitForAssertion(() => Assert.Contains($"Who holds {owner.Name}", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=assignments-grid] {Rows}")));
        Assert.All(page.FindAll($"[data-testid=assignments-grid] {Rows}"), r => Assert.Contains(owner.Name, r.TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.SupplierManager, false)]
    public void EditActionsShowOnlyToRolesThatMayEditTheScore(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<Roles>(p => p.Add(x => x.Key, GovernanceRoleKeys.Conductor));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=roles-grid] {Rows}")));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=assignments-grid] {Rows}")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=add-assignment]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=remove-assignment]").Count > 0);
    }

    [Fact]
    public async Task TheDialogShowsTheServersDuplicateKeyBesideTheFieldAndSavesANewRole()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var service = Services.GetRequiredService<IDialogService>();
        var conductor = await RoleAsync(GovernanceRoleKeys.Conductor);

        await dialogs.InvokeAsync(() => service.ShowAsync<RoleDialog>("New role",
            new DialogParameters<RoleDialog> { { d => d.Form, new RoleForm { Key = conductor.Key, Name = "Second conductor" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("already used", dialogs.Find(".mud-input-error").TextContent, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=cancel]").Click());

        var reference = await dialogs.InvokeAsync(() => service.ShowAsync<RoleDialog>("New role",
            new DialogParameters<RoleDialog> { { d => d.Form, new RoleForm { Key = "RISK-OWNER", Name = "Risk owner" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        Assert.False((await reference.Result)!.Canceled);
        Assert.Equal("Risk owner", Assert.Single(await Directory.RolesAsync("RISK-OWNER")).Name);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "Saved");
    }

    [Fact]
    public void TheDialogValidatesBeforeAskingTheServer()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();

        dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<RoleDialog>("New role",
            new DialogParameters<RoleDialog> { { d => d.Form, new RoleForm() } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-input-error")));
        Assert.Empty(Snackbar.ShownSnackbars);
    }

    [Fact]
    public async Task ASaveByARoleThatMayNotEditIsRefusedWithAMessageNotAnError()
    {
        SignInAs(PortalRoles.Viewer);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<RoleDialog>("New role",
            new DialogParameters<RoleDialog> { { d => d.Form, new RoleForm { Key = "VIEWER-ROLE", Name = "Not mine" } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await Directory.RolesAsync("VIEWER-ROLE"));
    }

    [Fact]
    public async Task DeletingARoleThatIsHeldIsConfirmedThenRefusedWithItsHoldersNamed()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var conductor = await RoleAsync(GovernanceRoleKeys.Conductor);
        var dialogs = RenderProviders();
        var page = Render<Roles>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));

        page.FindAll(Rows).Single(r => r.QuerySelector("td")!.TextContent.Trim() == conductor.Key).QuerySelector("[data-testid=delete]")!.Click();
        Answer(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=delete-refused] li")));
        Assert.NotNull(await RoleAsync(GovernanceRoleKeys.Conductor));
    }
}
