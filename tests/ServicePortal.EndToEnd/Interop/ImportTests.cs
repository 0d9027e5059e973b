using System.Text;
using Microsoft.Playwright;
using ServicePortal.EndToEnd.Support;

namespace ServicePortal.EndToEnd.Interop;

/// <summary>The catalog import page in a real browser: export, upload a CSV, preview, import; a bad row is named with its field.</summary>
public class ImportTests(PortalServer portal)
{
    [Fact]
    public async Task GovernanceStaff_PreviewsAndImportsAServicesCsv()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/import");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import", Exact = true, Level = 1 })).ToBeVisibleAsync();

        await ChooseAsync(page, Csv("services.csv",
            "key,name,kind,tier\nSVC-E2E-IMPORT-1,Browser import one,Business,3\nSVC-E2E-IMPORT-2,Browser import two,Application,3\n"));
        await Assertions.Expect(page.GetByTestId("import-chosen")).ToHaveTextAsync("services.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-add")).ToContainTextAsync("2 to add");
        await Assertions.Expect(page.GetByTestId("count-error")).ToContainTextAsync("0 with errors");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Imported.");
        await Assertions.Expect(page.GetByTestId("count-unchanged")).ToContainTextAsync("2 unchanged");
        await PortalServer.ScreenshotAsync(page, "import-done");
        await page.GotoAsync("/catalog/services");
        await PortalServer.WaitForCircuitAsync(page);
        await page.GetByTestId("search").FillAsync("SVC-E2E-IMPORT");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Browser import" })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task GovernanceStaff_SeesTheBadRowAndItsFieldAndCannotImport()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/import");

        await ChooseAsync(page, Csv("bad.csv",
            "key,name,kind\nSVC-E2E-GOOD,Fine row,Business\nSVC-E2E-BAD,Bad row,Galactic\n"));
        await Assertions.Expect(page.GetByTestId("import-chosen")).ToHaveTextAsync("bad.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var error = page.GetByTestId("import-errors").GetByRole(AriaRole.Row).Filter(new() { HasText = "row 3" });
        await Assertions.Expect(error).ToContainTextAsync("kind");
        await Assertions.Expect(error).ToContainTextAsync("Galactic");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true })).ToBeDisabledAsync();
        await PortalServer.ScreenshotAsync(page, "import-errors");
    }

    [Fact]
    public async Task TheExportLinkDownloadsTheCsvTheImportReadsBack()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Domains (CSV)" }).ClickAsync());

        Assert.Equal("domains.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("key,name,description", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    /// <summary>
    /// As a user does: the "Choose file" button opens the browser's file chooser. (Setting the hidden input's files
    /// straight after the circuit came up could beat InputFile's own script to it, and the choice was lost.)
    /// </summary>
    private static async Task ChooseAsync(IPage page, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choose file" }).ClickAsync());
        await chooser.SetFilesAsync(file);
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
