using System.Collections.Concurrent;
using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Shell;

/// <summary>
/// Issue 14's walk: every page the navigation offers a role, opened as that role on a phone (390 × 844), answers
/// without a server error, an error boundary or a console error, and keeps the sign-out reachable; a Viewer is offered
/// no action that changes data.
/// </summary>
public class EveryPageTests(PortalServer portal)
{
    [Theory]
    [InlineData("cio@demo.local")]
    [InlineData("governance@demo.local")]
    [InlineData("supplier@demo.local")]
    [InlineData("admin@demo.local")]
    [InlineData("viewer@demo.local")]
    public async Task EveryNavigationPage_WorksOnAPhone(string email)
    {
        var page = await portal.SignInAsync(email);
        var paths = await page.GetByTestId("nav").Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var pages = paths.Where(p => p.StartsWith('/') && !p.StartsWith("/api/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(pages.Count >= 5, $"{email} was offered only {pages.Count} pages: {string.Join(", ", pages)}");

        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                errors.Enqueue($"{response.Url}: HTTP {response.Status}");
            }
        };
        await page.SetViewportSizeAsync(390, 844);

        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Status: < 400 }, $"{email}: {path} answered {response?.Status}");
            await PortalServer.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            Assert.NotEqual("Not allowed", (await page.Locator("h1").First.TextContentAsync())?.Trim());
            Assert.Equal(0, await page.GetByTestId("error-boundary").CountAsync());
            await Assertions.Expect(page.GetByTestId("sign-out")).ToBeVisibleAsync();
            if (email.StartsWith("viewer", StringComparison.Ordinal))
            {
                foreach (var action in new[] { "new", "edit", "delete", "save", "publish" })
                {
                    Assert.True(await page.GetByTestId(action).CountAsync() == 0, $"The Viewer is offered '{action}' on {path}.");
                }
            }
        }

        Assert.True(errors.IsEmpty, $"{email}:\n{string.Join('\n', errors)}");
    }
}
