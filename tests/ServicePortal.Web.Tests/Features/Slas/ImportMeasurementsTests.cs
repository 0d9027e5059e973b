using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

public sealed class ImportMeasurementsTests(PortalFactory portal) : SlaComponentTest(portal)
{
    private string LastMonth => SlaPeriods.Format(
        SlaPeriods.StartOf(Services.GetRequiredService<SlaResultsService>().Today, MeasurementPeriod.Monthly).AddMonths(-1), MeasurementPeriod.Monthly);

    [Fact]
    public async Task APreviewShowsWhatTheFileWouldDoThenTheImportSavesIt()
    {
        SignInAs(PortalRoles.SupplierManager);
        RenderProviders();
        var page = Render<ImportMeasurements>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"target key,period,value\nNBP-RESP,{LastMonth},7.5\n", "m.csv"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=import-rows] tbody tr.mud-table-row")));
        Assert.Contains("0 with errors", page.Find("[data-testid=count-error]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=commit]").Click();

        page.WaitForAssertion(() => Assert.Contains("mud-alert-text-success", page.Find("[data-testid=import-result]").OuterHtml, StringComparison.Ordinal));
        var target = await Queries.TargetAsync("NBP-RESP");
        Assert.Contains(await Queries.MeasurementsAsync(target!.Id), m => m.Value == 7.5);
    }

    [Fact]
    public void AFileWithErrorsIsShownRowByRowAndCannotBeImported()
    {
        SignInAs(PortalRoles.SupplierManager);
        RenderProviders();
        var page = Render<ImportMeasurements>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"target key,period,value\nNO-SUCH-TARGET,{LastMonth},1\n", "bad.csv"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-errors] tbody tr.mud-table-row")));
        Assert.True(page.Find("[data-testid=commit]").HasAttribute("disabled"));
    }
}
