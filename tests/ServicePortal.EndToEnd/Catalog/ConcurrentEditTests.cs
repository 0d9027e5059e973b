using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Catalog;

public class ConcurrentEditTests(PortalServer portal)
{
    [Fact]
    public async Task SecondSaveOfTheSameService_GetsTheConflictDialogAndOverwritesNothing()
    {
        var alice = await portal.SignInAsync("governance@demo.local", "/catalog/services/SVC-STORE-LOCATOR");
        var bob = await portal.SignInAsync("admin@demo.local", "/catalog/services/SVC-STORE-LOCATOR");
        await alice.ClickAsync("[data-testid=edit]");
        await bob.ClickAsync("[data-testid=edit]");

        await alice.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Store locator (Alice)");
        await alice.ClickAsync("[data-testid=save]");
        await alice.WaitForSelectorAsync("[data-testid=node-form]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await bob.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Store locator (Bob)");
        await bob.ClickAsync("[data-testid=save]");
        await bob.WaitForSelectorAsync("[data-testid=conflict]");
        await PortalServer.ScreenshotAsync(bob, "conflict");

        Assert.Contains("Store locator (Alice)", await bob.TextContentAsync("[data-testid=conflict] [data-testid=theirs]"), StringComparison.Ordinal);
        Assert.Contains("Store locator (Bob)", await bob.TextContentAsync("[data-testid=conflict] [data-testid=yours]"), StringComparison.Ordinal);
        await alice.ReloadAsync();
        await Assertions.Expect(alice.Locator("[data-testid=node-name]")).ToHaveTextAsync("Store locator (Alice)");

        await bob.ClickAsync("[data-testid=keep-mine]");
        await bob.WaitForSelectorAsync("[data-testid=node-form]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Assertions.Expect(bob.Locator("[data-testid=node-name]")).ToHaveTextAsync("Store locator (Bob)");
    }
}
