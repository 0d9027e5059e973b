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
    /// Issue 18 item 8 as a user meets it: a repository's catalog-info.yaml imported from a named source, then again
    /// without one of its components and one of its relationships; the preview lists both as removals, ticked; the
    /// user unticks the relationship, confirms, and only the component goes.
    /// </summary>
    [Fact]
    public async Task GovernanceStaff_SyncsABackstageSource_AndKeepsWhatTheyUntick()
    {
        var page = await portal.SignInAsync("governance@demo.local", "/import");
        await page.GetByTestId("import-format").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Backstage catalog (YAML or JSON)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-choose")).ToHaveTextAsync("Choose files");
        static string Entity(string kind, string name, string spec) =>
            $"apiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata: {{ name: {name} }}\nspec: {{ {spec} }}\n";
        var team = Entity("Group", "team-e2e", "type: team, children: []");
        var first = string.Join("---\n",
            Entity("Component", "e2e-sync-web", "type: website, lifecycle: production, owner: team-e2e, dependsOn: [component:e2e-sync-api]"),
            Entity("Component", "e2e-sync-api", "type: service, lifecycle: production, owner: team-e2e, dependsOn: [component:e2e-sync-legacy]"),
            Entity("Component", "e2e-sync-legacy", "type: service, lifecycle: production, owner: team-e2e"),
            team);
        await ImportBackstageAsync(page, first, "e2e-repo");
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Imported");

        // The repository drops its legacy component (and with it the relationship to it) and the web → api edge.
        var second = string.Join("---\n",
            Entity("Component", "e2e-sync-web", "type: website, lifecycle: production, owner: team-e2e"),
            Entity("Component", "e2e-sync-api", "type: service, lifecycle: production, owner: team-e2e"),
            team);
        await ChooseAsync(page, new FilePayload { Name = "catalog-info.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(second) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var removals = page.GetByTestId("import-removals-table");
        await Assertions.Expect(removals.GetByRole(AriaRole.Row).Filter(new() { HasText = "E2E-SYNC-LEGACY" }).Or(removals.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-sync-legacy" })).First).ToBeVisibleAsync();
        var ticks = removals.GetByTestId("removal-tick");
        var count = await ticks.CountAsync();
        Assert.True(count >= 3, $"the legacy component and the two relationships that went are listed, {count} listed");
        await Assertions.Expect(page.GetByTestId("count-remove")).ToContainTextAsync($"{count} to remove");
        await PortalServer.ScreenshotAsync(page, "import-sync-preview");

        var webToApi = removals.GetByRole(AriaRole.Row).Filter(new() { HasText = "web" }).Filter(new() { HasText = "api" });
        await webToApi.GetByTestId("removal-tick").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-remove")).ToContainTextAsync($"{count - 1} to remove");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"removes {count - 1}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import and remove" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-result")).ToContainTextAsync("Imported");
        await PortalServer.ScreenshotAsync(page, "import-sync-done");

        // The kept relationship is listed again by the next preview of the same file; the legacy component is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-removals-table").GetByTestId("removal-tick")).ToHaveCountAsync(1);
    }

    private static async Task ImportBackstageAsync(IPage page, string yaml, string source)
    {
        await ChooseAsync(page, new FilePayload { Name = "catalog-info.yaml", MimeType = "application/yaml", Buffer = Encoding.UTF8.GetBytes(yaml) });
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync(source);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("count-error")).ToContainTextAsync("0 with errors");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
    }

    /// <summary>
    /// As a user does: the "Choose file" button opens the browser's file chooser. (Setting the hidden input's files
    /// straight after the circuit came up could beat InputFile's own script to it, and the choice was lost.)
    /// </summary>
    private static async Task ChooseAsync(IPage page, FilePayload file)
    {
        // A new format re-creates the upload (keyed by format); a click before its script is wired opens nothing, so
        // the click is repeated until the browser offers its file chooser.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var chooser = await page.RunAndWaitForFileChooserAsync(
                    () => page.GetByTestId("import-choose").ClickAsync(), new() { Timeout = 5_000 });
                await chooser.SetFilesAsync(file);
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
