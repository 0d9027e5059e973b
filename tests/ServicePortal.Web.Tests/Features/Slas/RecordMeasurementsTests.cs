using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Slas;

public sealed class RecordMeasurementsTests(PortalFactory portal) : SlaComponentTest(portal)
{
    private IRenderedComponent<RecordMeasurements> RenderFor(string supplierKey)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(SlaRoutes.Measurements(supplierKey));
        RenderProviders();
        var page = Render<RecordMeasurements>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=measurement-grid] tbody tr.mud-table-row")));
        return page;
    }

    [Theory]
    [InlineData(PortalRoles.Viewer)]
    [InlineData(PortalRoles.Cio)]
    [InlineData(PortalRoles.GovernanceStaff)]
    public void WithoutThePolicyTheMeasurementsAreTextWithNothingThatLooksEditable(string role)
    {
        SignInAs(role);

        var page = RenderFor("SUP-NORTHBRIDGE");

        Assert.Empty(page.FindAll("[data-testid=measurement-grid] input"));
        Assert.Empty(page.FindAll("[data-testid=save]"));
        Assert.Empty(page.FindAll("[data-testid=import]"));
        Assert.NotNull(page.Find("[data-testid=read-only-note]"));
        Assert.Equal("SLA measurements", page.Find("h1").TextContent.Trim());
    }

    [Fact]
    public void ASupplierManagerTypesAValueAndSeesItsResultBeforeSaving()
    {
        SignInAs(PortalRoles.SupplierManager);
        var page = RenderFor("SUP-NORTHBRIDGE");

        page.Find("input[data-testid=value-NBP-RESP], [data-testid=value-NBP-RESP] input").Change("45");

        page.WaitForAssertion(() => Assert.Equal("Breached", page.Find("[data-testid=result-NBP-RESP] [data-result]").GetAttribute("data-result")));
        Assert.Contains("1 change(s) to save", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImpossibleValueIsMarkedOnItsRowAndNothingIsSaved()
    {
        SignInAs(PortalRoles.SupplierManager);
        var page = RenderFor("SUP-NORTHBRIDGE");

        page.Find("input[data-testid=value-NBP-AVAIL], [data-testid=value-NBP-AVAIL] input").Change("101");
        page.WaitForAssertion(() => Assert.Contains("must not exceed 100", page.Find("[data-testid=row-error]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("nothing was saved", page.Find("[data-testid=save-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASupplierManagerSavesTheTypedValues()
    {
        SignInAs(PortalRoles.SupplierManager);
        var page = RenderFor("SUP-NORTHBRIDGE");

        page.Find("input[data-testid=value-NBP-AVAIL], [data-testid=value-NBP-AVAIL] input").Change("99.97");
        page.Find("[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains("mud-alert-text-success", page.Find("[data-testid=save-message]").OuterHtml, StringComparison.Ordinal));
        var supplier = await Queries.SupplierAsync("SUP-NORTHBRIDGE");
        var month = SlaPeriods.StartOf(Services.GetRequiredService<SlaResultsService>().Today, MeasurementPeriod.Monthly).AddMonths(-1);
        var rows = await Queries.MeasurementGridAsync(supplier!.Id, month);
        Assert.Equal(99.97, rows.Single(r => r.Target.Key == "NBP-AVAIL").CurrentValue);
    }
}
