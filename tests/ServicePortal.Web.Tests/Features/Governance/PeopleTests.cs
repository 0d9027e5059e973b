using Bunit;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class PeopleTests(PortalFactory portal) : GovernanceComponentTest(portal)
{
    [Fact]
    public async Task TheGridLoadsAPageFromTheServerAndPages()
    {
        var total = (await Directory.PeopleAsync(new ListRequest<PersonRow>())).Total;
        Assert.InRange(total, 41, 60); // the seeded 43 (and whoever other tests of this class add): three pages of 20
        RenderProviders();

        var page = Render<People>();

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll($"[data-testid=people-grid] {Rows}").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll($"[data-testid=people-grid] {Rows}").Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(total - 40, page.FindAll($"[data-testid=people-grid] {Rows}").Count));
    }

    [Fact]
    public void SearchNarrowsTheGridOnTheServer()
    {
        RenderProviders();
        var page = Render<People>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Rows)));

        page.Find("input[data-testid=search], [data-testid=search] input").Input("Marcus Webb");

        page.WaitForAssertion(() => Assert.Equal(["Marcus Webb"], page.FindAll($"{Rows} td:first-child").Select(td => td.TextContent.Trim())), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(PortalRoles.GovernanceStaff, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(PortalRoles.Cio, false)]
    public async Task EditActionsShowOnlyToRolesThatMayEditTheScore(string role, bool shown)
    {
        var holder = (await Directory.PeopleAsync()).First(p => p.Assignments > 0 && p.LeftOn is null);
        SignInAs(role);
        RenderProviders();

        var page = Render<People>(p => p.Add(x => x.Id, holder.Id));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=assignments-grid] {Rows}")));
        Assert.Equal(shown, page.FindAll("[data-testid=new]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=edit]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=delete]").Count > 0);
        Assert.Equal(shown, page.FindAll("[data-testid=add-assignment]").Count == 1);
        Assert.Equal(shown, page.FindAll("[data-testid=remove-assignment]").Count > 0);
    }

    [Fact]
    public async Task APersonWhoHasLeftIsFlaggedWithTheRolesToHandOver()
    {
        var marcus = await PersonAsync("Marcus Webb");
        RenderProviders();

        var page = Render<People>(p => p.Add(x => x.Id, marcus.Id));

        page.WaitForAssertion(() => Assert.Contains("hand their roles over", page.Find("[data-testid=person-left]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Roles held by Marcus Webb", page.Find("[data-testid=person-roles]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonWithoutAJobTitleHasNoEmptyJobTitleLine_OneWithAJobTitleShowsIt()
    {
        await AddPersonAsync("Zoe Cardless");
        var titled = await AddPersonAsync("Zoe Cardholder");
        Assert.True((await Directory.SavePersonAsync(new PersonForm { Id = titled.Id, Version = titled.Version, Name = titled.Name, Email = titled.Email, JobTitle = "Architect" })).Succeeded);
        RenderProviders();
        var page = Render<People>();
        page.Find("input[data-testid=search], [data-testid=search] input").Input("Zoe Card");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(Rows).Count), TimeSpan.FromSeconds(5));
        var headers = page.FindAll("[data-testid=people-grid] thead th").Select(th => th.TextContent.Trim()).ToList();
        var jobTitle = headers.IndexOf("Job title");
        var leftOn = headers.IndexOf("Left on");

        var rows = page.FindAll(Rows).ToDictionary(r => r.Children[0].TextContent.Trim());

        // On a phone each cell is a line of the person's card: one with nothing to say is left out, not an empty line.
        var without = rows["Zoe Cardless"].Children[jobTitle];
        Assert.Null(without.QuerySelector("[data-testid=person-job-title]"));
        Assert.Equal("", without.TextContent.Trim());
        Assert.Contains("portal-card-skip", without.ClassList);
        Assert.Contains("portal-card-skip", rows["Zoe Cardless"].Children[leftOn].ClassList);
        var with = rows["Zoe Cardholder"].Children[jobTitle];
        Assert.Equal("Architect", with.QuerySelector("[data-testid=person-job-title]")!.TextContent.Trim());
        Assert.DoesNotContain("portal-card-skip", with.ClassList);
        Assert.DoesNotContain("mud-table-cell-hide", with.ClassList); // a phone shows the job title too
    }

    [Fact]
    public void APersonWhoNoLongerExistsSaysSo()
    {
        RenderProviders();

        var page = Render<People>(p => p.Add(x => x.Id, 999_999));

        page.WaitForAssertion(() => Assert.Contains("no longer exists", page.Find("[data-testid=not-found]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDialogValidatesAndShowsTheServersDuplicateEmailBesideTheField()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var taken = (await Directory.PeopleAsync())[0];
        var service = Services.GetRequiredService<IDialogService>();

        await dialogs.InvokeAsync(() => service.ShowAsync<PersonDialog>("New person", new DialogParameters<PersonDialog> { { d => d.Form, new PersonForm() } }));
        dialogs.WaitForElement("[data-testid=save]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".mud-input-error"), e => e.TextContent.Contains("Name is required", StringComparison.Ordinal)));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=cancel]").Click());

        await dialogs.InvokeAsync(() => service.ShowAsync<PersonDialog>("New person",
            new DialogParameters<PersonDialog> { { d => d.Form, new PersonForm { Name = "Twice Over", Email = taken.Email } } }));
        dialogs.WaitForElement("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll(".mud-input-error"), e => e.TextContent.Contains("already used", StringComparison.Ordinal)));
        Assert.Empty(await Directory.PeopleAsync("Twice Over"));
    }

    [Fact]
    public async Task DeletingSomeoneWhoHoldsRolesIsConfirmedThenRefusedWithTheRolesNamed()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var dialogs = RenderProviders();
        var page = Render<People>();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll($"{Rows} [data-testid=edit]").Count));
        var roles = page.FindAll("[data-testid=people-grid] thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf("Roles");
        var holder = page.FindAll(Rows).First(r => r.Children[roles].TextContent.Trim() != "0");
        var name = holder.Children[0].TextContent.Trim();

        holder.QuerySelector("[data-testid=delete]")!.Click();
        Answer(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=delete-refused] li")));
        Assert.Contains(name, page.Find("[data-testid=delete-refused]").TextContent, StringComparison.Ordinal);
        Assert.Single(await Directory.PeopleAsync(name));
    }

    [Fact]
    public async Task DeletingIsAskedFirstAndCancelKeepsThePerson()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var (person, dialogs, page) = await PeopleWithFirstAsync("Aaron Aardvark");

        page.Find("[data-testid=delete]").Click();
        Answer(dialogs, "Cancel");
        Assert.Single(await Directory.PeopleAsync(person.Name));

        page.Find("[data-testid=delete]").Click();
        Answer(dialogs, "Delete");
        page.WaitForAssertion(() => Assert.NotEqual(person.Name, page.Find($"{Rows} td").TextContent.Trim()));
        Assert.Empty(await Directory.PeopleAsync(person.Name));
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == $"Deleted {person.Name}");
    }

    [Fact]
    public async Task DeletingSomeoneEditedElsewhereSinceTheListShowedThem_IsRefusedAndKeepsTheEdit()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var (person, dialogs, page) = await PeopleWithFirstAsync("Aaron Aaronson");
        // Another user gives them a job title while this list is open.
        Assert.True((await Directory.SavePersonAsync(new PersonForm { Id = person.Id, Version = person.Version, Name = person.Name, Email = person.Email, JobTitle = "Architect" })).Succeeded);

        page.Find("[data-testid=delete]").Click();
        Answer(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.Contains("Someone else changed it", page.Find("[data-testid=delete-refused]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Architect", (await PersonAsync(person.Name)).JobTitle);
        // The page's alert says it once; no snackbar repeats it beside the alert.
        Assert.Single(page.FindAll("[data-testid=delete-refused]"));
        Assert.Empty(Snackbar.ShownSnackbars);
    }

    /// <summary>A new person whose name sorts first, and the People page (with its dialogs) showing them in the first row.</summary>
    private async Task<(PersonRow Person, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<People> Page)> PeopleWithFirstAsync(string name)
    {
        var person = await AddPersonAsync(name);
        var dialogs = RenderProviders();
        var page = Render<People>();
        page.WaitForAssertion(() => Assert.Equal(person.Name, page.Find($"{Rows} td").TextContent.Trim()));
        return (person, dialogs, page);
    }
}
