using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class AssignmentsTests(PortalFactory portal) : GovernanceComponentTest(portal)
{
    [Fact]
    public async Task TheGridLoadsAPageFromTheServerAndPages()
    {
        var all = await Directory.AssignmentsAsync(new AssignmentFilter(), new ListRequest<AssignmentRow>());
        Assert.True(all.Total > 50, $"{all.Total} assignments");
        RenderProviders();

        var page = Render<Assignments>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll($"[data-testid=assignments-grid] {Rows}").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll($"[data-testid=assignments-grid] {Rows}").Count));
        page.Find("button[aria-label='Last page']").Click();
        page.WaitForAssertion(() => Assert.Equal((all.Total - 1) % 25 + 1, page.FindAll($"[data-testid=assignments-grid] {Rows}").Count));
    }

    [Fact]
    public async Task SearchNarrowsTheGridOnTheServer()
    {
        var marcus = await PersonAsync("Marcus Webb");
        RenderProviders();
        var page = Render<Assignments>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(Rows).Count));

        page.Find("input[data-testid=search], [data-testid=search] input").Input("Marcus Webb");

        page.WaitForAssertion(() => Assert.Equal(marcus.Assignments, page.FindAll(Rows).Count), TimeSpan.FromSeconds(5));
        Assert.All(page.FindAll(Rows), r => Assert.Contains("Marcus Webb", r.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("[data-testid=person-has-left]"));
    }

    [Fact]
    public async Task EachScopeLinksToItsOwnPage()
    {
        RenderProviders();
        var rows = await Directory.AssignmentsAsync(new AssignmentFilter(ScopeType: ScopeType.Domain));
        var row = rows[0];

        var page = Render<Assignments>(p => p.Add(x => x.Id, row.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(Rows)));
        Assert.Contains(page.FindAll($"{Rows} a"), a => a.GetAttribute("href") == GovernanceRoutes.Domain(row.ScopeKey));
        Assert.Contains(page.FindAll($"{Rows} a"), a => a.GetAttribute("href") == GovernanceRoutes.Person(row.PersonId));
    }

    [Fact]
    public void AnAssignmentThatNoLongerExistsSaysSo()
    {
        RenderProviders();

        var page = Render<Assignments>(p => p.Add(x => x.Id, 999_999));

        page.WaitForAssertion(() => Assert.Contains("no longer exists", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADomainPageListsItsAssignmentsAndAnUnknownDomainSaysSo()
    {
        var domain = (await Directory.ScopeOptionsAsync(ScopeType.Domain))[0];
        RenderProviders();

        var page = Render<Assignments>(p => p.Add(x => x.DomainKey, domain.Key));
        page.WaitForAssertion(() => Assert.Contains($"Domain {domain.Name}", page.Find("h1").TextContent, StringComparison.Ordinal));

        page.Render(p => p.Add(x => x.DomainKey, "NO-SUCH-DOMAIN"));
        page.WaitForAssertion(() => Assert.Contains("NO-SUCH-DOMAIN", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDialogValidatesBeforeAskingTheServer()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AssignmentDialog>("Add role assignment",
            new DialogParameters<AssignmentDialog> { { d => d.Initial, new AssignmentDialog.Preset() } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Person is required.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("Role is required.", dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(Snackbar.ShownSnackbars);
    }

    [Fact]
    public async Task SomeoneWhoHasLeftCannotBeGivenARole_TheRuleShowsBesideThePerson()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var marcus = await PersonAsync("Marcus Webb");
        var domain = (await Directory.ScopeOptionsAsync(ScopeType.Domain))[0];
        var dialogs = await OpenAddAsync(new AssignmentDialog.Preset(marcus.Id, (await RoleAsync(GovernanceRoleKeys.Conductor)).Id, ScopeType.Domain, domain.Id, LockPerson: true));

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("cannot take on a role", dialogs.Markup, StringComparison.Ordinal));
        Assert.NotEmpty(dialogs.FindAll("[data-testid=assignment-dialog]")); // still open
        Assert.Equal(marcus.Assignments, (await PersonAsync("Marcus Webb")).Assignments);
    }

    [Fact]
    public async Task ADuplicateAssignmentIsRefusedWithTheServersMessage()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var existing = (await Directory.AssignmentsAsync(new AssignmentFilter(ScopeType: ScopeType.Service))).First(a => !a.PersonHasLeft);
        var dialogs = await OpenAddAsync(new AssignmentDialog.Preset(existing.PersonId, existing.RoleId, existing.ScopeType, existing.ScopeId, existing.Raci));

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("already holds", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAddByARoleThatMayNotEditIsRefusedWithAMessageNotAnError()
    {
        SignInAs(PortalRoles.Viewer);
        var person = await AddPersonAsync("Viewer Victim");
        var service = (await Directory.ScopeOptionsAsync(ScopeType.Service))[0];
        var dialogs = await OpenAddAsync(new AssignmentDialog.Preset(person.Id, (await RoleAsync(GovernanceRoleKeys.ServiceOwner)).Id, ScopeType.Service, service.Id));

        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("does not allow", dialogs.Find("[data-testid=form-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, (await PersonAsync(person.Name)).Assignments);
    }

    [Fact]
    public async Task RemovingFromAPersonsPageAsksFirst_CancelKeepsTheAssignment()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var person = await AddPersonAsync("Newcomer Nia");
        var domain = (await Directory.ScopeOptionsAsync(ScopeType.Domain))[0];
        var added = await Directory.AddAssignmentAsync(new AssignmentForm
        {
            PersonId = person.Id, RoleId = (await RoleAsync(GovernanceRoleKeys.Conductor)).Id, ScopeType = ScopeType.Domain, ScopeId = domain.Id, Raci = Raci.Consulted,
        });
        Assert.True(added.Succeeded, added.Summary);
        var dialogs = RenderProviders();
        var page = Render<People>(p => p.Add(x => x.Id, person.Id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid=assignments-grid] {Rows}")));

        page.Find("[data-testid=remove-assignment]").Click();
        Answer(dialogs, "Cancel");
        Assert.Equal(1, (await PersonAsync(person.Name)).Assignments);

        page.Find("[data-testid=remove-assignment]").Click();
        Answer(dialogs, "Remove");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=assignments-grid] {Rows}")));
        Assert.Equal(0, (await PersonAsync(person.Name)).Assignments);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAddAsync(AssignmentDialog.Preset preset)
    {
        var dialogs = RenderProviders();
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<AssignmentDialog>("Add role assignment",
            new DialogParameters<AssignmentDialog> { { d => d.Initial, preset } }));
        dialogs.WaitForElement("[data-testid=assignment-form]");
        return dialogs;
    }
}
