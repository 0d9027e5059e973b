using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

public sealed class RaciMatrixTests(PortalFactory portal) : GovernanceComponentTest(portal)
{
    [Fact]
    public async Task ACellOpensItsHolders_AnEditorAddsSomeonePickedBySearchAndRemovesThemAfterConfirming()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        var person = await AddPersonAsync("Ravi Raciwright");
        var (dialogs, popovers) = RenderProvidersWithPopovers();
        Services.GetRequiredService<NavigationManager>().NavigateTo(GovernanceRoutes.Raci("services"));
        var page = Render<RaciMatrixPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=raci-table] tbody tr")));
        var row = page.FindAll("[data-testid=raci-table] tbody tr")[0].GetAttribute("data-key")!;

        Cell(page, row, "Architect").Click();
        dialogs.WaitForElement("[data-testid=raci-cell-dialog] [data-testid=add-assignment]").Click();
        dialogs.WaitForElement("[data-testid=assignment-form]");
        dialogs.Find("input[data-testid=assignment-person], [data-testid=assignment-person] input").Input("Raciwright");
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains(person.Name, StringComparison.Ordinal)).Click(), TimeSpan.FromSeconds(5));
        dialogs.WaitForAssertion(() => Assert.Equal(person.Name, dialogs.Find("input[data-testid=assignment-person], [data-testid=assignment-person] input").GetAttribute("value")));
        dialogs.Find("[data-testid=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=assignment-form]")));
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll($"[data-testid=raci-cell-dialog] {Rows}"), r => r.TextContent.Contains(person.Name, StringComparison.Ordinal)));
        Assert.Equal(1, (await PersonAsync(person.Name)).Assignments);

        dialogs.FindAll($"[data-testid=raci-cell-dialog] {Rows}").Single(r => r.TextContent.Contains(person.Name, StringComparison.Ordinal))
            .QuerySelector("[data-testid=remove-assignment]")!.Click();
        Answer(dialogs, "Remove");
        dialogs.WaitForAssertion(() => Assert.DoesNotContain(dialogs.FindAll($"[data-testid=raci-cell-dialog] {Rows}"), r => r.TextContent.Contains(person.Name, StringComparison.Ordinal)));
        Assert.Equal(0, (await PersonAsync(person.Name)).Assignments);

        dialogs.Find("[data-testid=close-cell]").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain(person.Name, Cell(page, row, "Architect").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AViewerSeesTheHoldersOfACellButNoAddOrRemove()
    {
        var (dialogs, _) = RenderProvidersWithPopovers();
        Services.GetRequiredService<NavigationManager>().NavigateTo(GovernanceRoutes.Raci("services"));
        var page = Render<RaciMatrixPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=raci-table] tbody tr")));
        var row = page.FindAll("[data-testid=raci-table] tbody tr")[0].GetAttribute("data-key")!;

        Cell(page, row, "Service owner").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll($"[data-testid=raci-cell-dialog] {Rows}")));
        Assert.Empty(dialogs.FindAll("[data-testid=add-assignment]"));
        Assert.Empty(dialogs.FindAll("[data-testid=remove-assignment]"));
    }

    [Fact]
    public void TheDomainsOfTheServiceViewAndTheCsvLinkFollowTheView()
    {
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/governance/raci?view=services&domain=NO-SUCH");

        var page = Render<RaciMatrixPage>();

        page.WaitForAssertion(() => Assert.Equal("/score/raci.csv?view=services&domain=NO-SUCH", page.Find("[data-testid=raci-csv]").GetAttribute("href")));
        Assert.Contains("No live or pipeline services", page.Find("[data-testid=raci-empty]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The button of the cell in <paramref name="rowKey"/>'s row under the column headed <paramref name="role"/>.</summary>
    private static IElement Cell(IRenderedComponent<RaciMatrixPage> page, string rowKey, string role)
    {
        var column = page.FindAll("[data-testid=raci-table] thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(role);
        Assert.True(column >= 0, $"no column {role}");
        return page.Find($"[data-testid=raci-table] tbody tr[data-key='{rowKey}']").Children[column].QuerySelector("button")!;
    }
}
