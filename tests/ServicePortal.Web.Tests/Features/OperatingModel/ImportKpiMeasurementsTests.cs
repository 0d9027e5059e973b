using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.OperatingModel;

public sealed class ImportKpiMeasurementsTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services)
    {
        services.AddSingleton<ICurrentActor, SystemActor>();
        services.AddOperatingModel();
    }

    [Fact]
    public async Task APreviewShowsWhatTheFileWouldDoThenTheImportSavesItAllAtOnce()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<ImportKpiMeasurements>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "kpi key,period,value\nKPI-DEVELOPMENT-CFR,2023-05,9.5\nKPI-DEVELOPMENT-LEAD-TIME,2023-05,1.5\n", "kpis.csv"));

        page.WaitForAssertion(() => Assert.Equal(["Add", "Add"], page.FindAll("[data-testid=import-change]").Select(td => td.TextContent.Trim())));
        Assert.Null((await ValuesAsync()).Kpi("KPI-DEVELOPMENT-CFR")!.Current.Value);
        page.Find("[data-testid=commit]").Click();

        page.WaitForAssertion(() => Assert.Contains("mud-alert-text-success", page.Find("[data-testid=import-result]").OuterHtml, StringComparison.Ordinal));
        var stored = await ValuesAsync();
        Assert.Equal((9.5, 1.5), (stored.Kpi("KPI-DEVELOPMENT-CFR")!.Current.Value, stored.Kpi("KPI-DEVELOPMENT-LEAD-TIME")!.Current.Value));
    }

    [Fact]
    public async Task AFileWithABadRowIsShownRowByRowAndNothingCanBeImported()
    {
        SignInAs(PortalRoles.GovernanceStaff);
        RenderProviders();
        var page = Render<ImportKpiMeasurements>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "kpi key,period,value\nKPI-DEVELOPMENT-CFR,2023-06,9.5\nKPI-NO-SUCH,2023-06,1\n", "bad.csv"));

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=import-errors]"), td => td.TextContent.Contains("KPI-NO-SUCH", StringComparison.Ordinal)));
        Assert.True(page.Find("[data-testid=commit]").HasAttribute("disabled"));
        Assert.Null((await Services.GetRequiredService<ValueStreamHealthService>().GetAsync(new DateOnly(2023, 6, 1))).Kpi("KPI-DEVELOPMENT-CFR")!.Current.Value);
    }

    [Theory]
    [InlineData("governance@demo.local", true)]
    [InlineData("cio@demo.local", false)]
    [InlineData("viewer@demo.local", false)]
    public async Task OnlyRolesThatMayEditTheScoreOpenTheImportPage(string email, bool opens)
    {
        var client = Portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, email, DemoAccounts.Password);

        var response = await client.GetAsync(ScoreRoutes.KpiImport, Xunit.TestContext.Current.CancellationToken);

        var denied = response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.Ordinal);
        Assert.Equal(opens, response.IsSuccessStatusCode && !denied);
        Assert.Equal(!opens, denied);
    }

    private Task<ValueStreamHealth> ValuesAsync() => Services.GetRequiredService<ValueStreamHealthService>().GetAsync(new DateOnly(2023, 5, 1));
}
