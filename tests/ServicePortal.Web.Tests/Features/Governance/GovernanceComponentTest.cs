using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Features.Governance;

/// <summary>The governance pages over the seeded directory (9 roles, 43 people of whom Marcus Webb has left, 137 assignments).</summary>
public abstract class GovernanceComponentTest(PortalFactory portal) : PortalComponentTest(portal)
{
    protected const string Rows = "tbody tr.mud-table-row";

    protected override void AddCoreServices(IServiceCollection services)
    {
        services.AddSingleton<ICurrentActor, SystemActor>();
        services.AddSingleton<GovernanceSnapshotLoader>();
        services.AddOperatingModel();
    }

    protected GovernanceDirectory Directory => Services.GetRequiredService<GovernanceDirectory>();

    /// <summary>The providers, keeping the popover provider too (an autocomplete's list opens there).</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudPopoverProvider> Popovers) RenderProvidersWithPopovers()
    {
        var popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return (Render<MudDialogProvider>(), popovers);
    }

    /// <summary>Answers the open confirmation with <paramref name="verb"/> (e.g. "Delete") or "Cancel".</summary>
    protected static void Answer(IRenderedComponent<MudDialogProvider> dialogs, string verb) =>
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == verb).Click());

    protected async Task<PersonRow> PersonAsync(string name) => (await Directory.PeopleAsync(name)).Single(p => p.Name == name);

    protected async Task<RoleRow> RoleAsync(string key) => (await Directory.RolesAsync()).Single(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>A new person of the directory, for a test to give roles to (or delete) without touching the seeded ones.</summary>
    protected async Task<PersonRow> AddPersonAsync(string name)
    {
        var saved = await Directory.SavePersonAsync(new PersonForm { Name = name, Email = $"{Guid.NewGuid():N}@test.example" });
        Assert.True(saved.Succeeded, saved.Summary);
        return await PersonAsync(name);
    }
}
