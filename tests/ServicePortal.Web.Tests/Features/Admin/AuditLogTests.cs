using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Identity;
using ServicePortal.Web.Features.Admin;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Admin;

public sealed class AuditLogTests(PortalFactory portal) : PortalComponentTest(portal)
{
    protected override void AddCoreServices(IServiceCollection services) => services.AddScoped<AuditLogQuery>();

    [Fact]
    public async Task AnEntryShowsTheThingsKindAndNameAsALinkToItsPageAndFieldsInWords()
    {
        var user = await AddEntryAsync("Service", AuditAction.Updated, "SVC-AUDIT-LINK", """{"DisplayName":{"Old":"Returns","New":"Returns (audited)"}}""");
        SignInAs(PortalRoles.Cio);
        RenderProviders();

        var page = Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row"), r => r.TextContent.Contains(user, StringComparison.Ordinal)));
        var entry = page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Single(r => r.TextContent.Contains(user, StringComparison.Ordinal));
        var link = entry.QuerySelector("a[data-testid=audit-subject]");
        Assert.NotNull(link);
        Assert.Equal("/catalog/services/SVC-AUDIT-LINK", link.GetAttribute("href"));
        Assert.Equal("SVC-AUDIT-LINK", link.TextContent.Trim());
        Assert.Contains("Service", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("Display name: Returns → Returns (audited)", entry.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("DisplayName", entry.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedThingIsNamedButNotLinked()
    {
        var user = await AddEntryAsync("SlaTarget", AuditAction.Deleted, "SLA-GONE", """{"Key":{"Old":"SLA-GONE","New":null}}""");
        SignInAs(PortalRoles.Cio);
        RenderProviders();

        var page = Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row"), r => r.TextContent.Contains(user, StringComparison.Ordinal)));
        var entry = page.FindAll("[data-testid=audit-grid] tbody tr.mud-table-row").Single(r => r.TextContent.Contains(user, StringComparison.Ordinal));
        Assert.Null(entry.QuerySelector("a[data-testid=audit-subject]"));
        Assert.Contains("SLA target", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("SLA-GONE", entry.QuerySelector("[data-testid=audit-subject]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Cio, false)]
    public void TheBackupDownloadShowsOnlyToAdministrators(string role, bool shown)
    {
        SignInAs(role);
        RenderProviders();

        var page = Render<AuditLog>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-export]")));
        Assert.Equal(shown, page.FindAll("[data-testid=backup]").Count == 1);
    }

    [Theory]
    [InlineData("DisplayName", "Display name")]
    [InlineData("DomainId", "Domain")]
    [InlineData("RtoMinutes", "Rto minutes")]
    [InlineData("Key", "Key")]
    public void PropertyNamesReadAsWords(string property, string words) => Assert.Equal(words, AuditSubjects.Field(property));

    [Fact]
    public void TheExportAddressCarriesTheFilters() =>
        Assert.Equal("/admin/audit.csv?user=cio%40demo.local&from=2026-01-02",
            AdminRoutes.AuditCsv(new AuditFilter("cio@demo.local", null, new DateOnly(2026, 1, 2), null)));

    /// <summary>Adds an entry by a user of its own, so the test finds its row whatever else the log holds.</summary>
    private async Task<string> AddEntryAsync(string type, AuditAction action, string name, string changes)
    {
        var user = $"auditor-{Guid.NewGuid():N}@demo.local";
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, UserName = user, EntityType = type, EntityId = "1", EntityName = name, Action = action, Changes = changes });
        await db.SaveChangesAsync();
        return user;
    }
}
