using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Slas;

/// <summary>The SLA endpoints through the real host: sign-in, policies and the importer.</summary>
public sealed class SlaEndpointsTests(SlaEndpointsTests.Portal portal) : IClassFixture<SlaEndpointsTests.Portal>
{
    public sealed class Portal : PortalFactory
    {
        public IServiceProvider App => Services;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = portal.CreateBrowserLikeClient();
        var response = await PortalFactory.SignInAsync(client, email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        client.DefaultRequestHeaders.Add("Origin", "http://localhost"); // as the portal's own pages send it
        return client;
    }

    [Fact]
    public async Task CookieImport_FromAnotherOrigin_IsRefused()
    {
        var (key, period, _) = await SomeMeasurementAsync();
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "supplier@demo.local", DemoAccounts.Password);
        client.DefaultRequestHeaders.Add("Origin", "http://evil.localhost");

        var response = await client.PostAsync("/api/slas/measurements/import?commit=true", Csv($"target key,period,value\n{key},{period},12.5\n"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    private async Task<(string Key, string Period, double Value)> SomeMeasurementAsync()
    {
        await using var db = await portal.App.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var m = await db.SlaMeasurements.AsNoTracking().Where(m => m.SlaTarget!.Metric == SlaMetric.Availability)
            .OrderBy(m => m.Id).Select(m => new { m.SlaTarget!.Key, m.PeriodStart, m.Value }).FirstAsync(Ct);
        return (m.Key, m.PeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), m.Value);
    }

    private async Task<double> StoredValueAsync(string key, string period)
    {
        SlaPeriods.TryParseMonth(period, out var start);
        await using var db = await portal.App.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.SlaMeasurements.AsNoTracking().Where(m => m.SlaTarget!.Key == key && m.PeriodStart == start).Select(m => m.Value).SingleAsync(Ct);
    }

    [Fact]
    public async Task Viewer_CannotImportMeasurements_AndNothingChanges()
    {
        var (key, period, value) = await SomeMeasurementAsync();
        var client = await SignedInAsync("viewer@demo.local");

        var response = await client.PostAsync("/api/slas/measurements/import?commit=true", Csv($"target key,period,value\n{key},{period},12.5\n"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(value, await StoredValueAsync(key, period));
    }

    [Fact]
    public async Task Anonymous_CannotImportMeasurements()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await client.PostAsync("/api/slas/measurements/import", Csv("target key,period,value\n"), Ct);

        // Under /api a missing sign-in is a 401 for the caller to handle, not a redirect to the sign-in page.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Viewer_CannotOpenTheImportPage()
    {
        var client = await SignedInAsync("viewer@demo.local");

        var response = await client.GetAsync("/slas/measurements/import", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupplierManager_PreviewsThenCommits_AndReimportingChangesNothing()
    {
        var (key, period, _) = await SomeMeasurementAsync();
        var client = await SignedInAsync("supplier@demo.local");
        var csv = $"target key,period,value,note\n{key},{period},12.5,outage\n";

        var preview = await client.PostAsync("/api/slas/measurements/import", Csv(csv), Ct);
        var commit = await client.PostAsync("/api/slas/measurements/import?commit=true", Csv(csv), Ct);
        var again = await client.PostAsync("/api/slas/measurements/import?commit=true", Csv(csv), Ct);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("\"updated\":1", await preview.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(12.5, await StoredValueAsync(key, period));
        Assert.Contains("\"unchanged\":1", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithAnError_NamesRowAndColumn_AndSavesNothing()
    {
        var (key, period, value) = await SomeMeasurementAsync();
        var client = await SignedInAsync("supplier@demo.local");

        var response = await client.PostAsync("/api/slas/measurements/import?commit=true", Csv($"target key,period,value\n{key},{period},1\n{key},{period},abc\n"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"row\":3", body, StringComparison.Ordinal);
        Assert.Contains("\"column\":\"value\"", body, StringComparison.Ordinal);
        Assert.Equal(value, await StoredValueAsync(key, period));
    }

    [Fact]
    public async Task Import_OfATooLargeFile_IsRefusedWithTheLimit()
    {
        var client = await SignedInAsync("supplier@demo.local");
        var big = "target key,period,value\n" + new string('x', (int)MeasurementCsvImport.MaxFileBytes);

        var response = await client.PostAsync("/api/slas/measurements/import", Csv(big), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 5 MB", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_ListsTheSuppliersTargetsWithBlankValues()
    {
        var client = await SignedInAsync("viewer@demo.local");

        var response = await client.GetAsync("/api/slas/measurements/template.csv?supplier=SUP-SWIFTLINE&period=2026-10", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(MeasurementCsvTemplate.Header, text, StringComparison.Ordinal);
        Assert.Contains("SWL-AVAIL,2026-10,,", text, StringComparison.Ordinal);
    }
}
