using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Interop;
using ServicePortal.Web.Features.Shared;
using MudBlazor;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Interop;

/// <summary>
/// The import page: pick a format (only those the user's role may import), choose the file(s), preview what the
/// import would do row by row, then import all or nothing. The Core (<see cref="CatalogImport"/>) decides everything;
/// the page reads the files, shows the preview and turns a refusal into a message. A Backstage import names its source
/// (the first file's name unless the user writes another); the preview then lists what the source no longer holds, each
/// ticked for removal, and the page sends the unticked ones as kept. Importing with removals asks first.
/// </summary>
public partial class Import
{
    private sealed record FormatChoice(ImportFormat Format, string Text, string Accept, string Policy);

    private const int MaxFiles = 50;

    private static readonly IReadOnlyList<FormatChoice> Formats =
    [
        new(ImportFormat.ServicesCsv, "Services (CSV)", ".csv", PortalPolicies.EditCatalog),
        new(ImportFormat.ConfigurationItemsCsv, "Configuration items (CSV)", ".csv", PortalPolicies.EditCatalog),
        new(ImportFormat.SuppliersCsv, "Suppliers (CSV)", ".csv", PortalPolicies.EditSupplierRegistry),
        new(ImportFormat.DomainsCsv, "Domains (CSV)", ".csv", PortalPolicies.EditCatalog),
        new(ImportFormat.Bundle, "Catalog of a JSON bundle", ".json", PortalPolicies.EditCatalog),
        new(ImportFormat.Backstage, "Backstage catalog (YAML or JSON)", ".yaml,.yml,.json", PortalPolicies.EditCatalog),
    ];

    private static readonly IReadOnlyList<(CsvEntity Entity, string Text)> Exports =
    [
        (CsvEntity.Services, "Services"), (CsvEntity.ConfigurationItems, "Configuration items"),
        (CsvEntity.Suppliers, "Suppliers"), (CsvEntity.Domains, "Domains"),
    ];

    private IReadOnlyList<FormatChoice> _choices = [];
    private ImportFormat _format = ImportFormat.ServicesCsv;
    private List<ImportFile> _files = [];
    private ImportPreview? _preview;
    private ImportResult? _result;
    private string? _error;
    private bool _busy;
    private string _busyText = "";
    private string? _source;
    private string? _previewedSource; // the source the shown preview was made with
    private IReadOnlyList<ImportItem> _removals = [];
    private readonly HashSet<string> _keep = new(StringComparer.Ordinal);

    [Inject]
    private CatalogImport Importer { get; set; } = default!;

    [Inject]
    private PortalAuthorization Authorization { get; set; } = default!;

    [Inject]
    private PortalAction Action { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The source as the Core takes it: a Backstage import's, null when none is written (add and update only).</summary>
    private string? Source => _format == ImportFormat.Backstage && !string.IsNullOrWhiteSpace(_source) ? _source : null;

    private int TickedRemovals => _removals.Count(r => !_keep.Contains(r.Key));

    private FormatChoice Choice => Formats.Single(f => f.Format == _format);

    protected override async Task OnInitializedAsync()
    {
        var choices = new List<FormatChoice>();
        foreach (var choice in Formats)
        {
            if (await Authorization.CanAsync(choice.Policy))
            {
                choices.Add(choice);
            }
        }

        _choices = choices;
        _format = choices.Count > 0 ? choices[0].Format : _format;
    }

    private Task FormatChangedAsync(ImportFormat format)
    {
        _format = format;
        Reset();
        return Task.CompletedTask;
    }

    private void Reset()
    {
        _files = [];
        ShowPreview(null);
        _result = null;
        _error = null;
    }

    /// <summary>Another source plans other removals: the preview shown no longer holds.</summary>
    private void SourceChanged(string? source)
    {
        _source = source;
        ShowPreview(null);
        _result = null;
    }

    private void Toggle((string Key, bool Remove) toggle)
    {
        if (toggle.Remove)
        {
            _keep.Remove(toggle.Key);
        }
        else
        {
            _keep.Add(toggle.Key);
        }
    }

    /// <summary>Shows <paramref name="preview"/>; removals the user unticked stay unticked while they are still listed.</summary>
    private void ShowPreview(ImportPreview? preview)
    {
        _preview = preview;
        _previewedSource = Source;
        _removals = preview?.Removals.ToList() ?? [];
        _keep.IntersectWith(_removals.Select(r => r.Key));
    }

    private static string TooLarge => $"The file is larger than {CatalogImport.MaxInputBytes / (1024 * 1024)} MB.";

    private async Task ChooseAsync(InputFileChangeEventArgs args)
    {
        Reset();
        var files = new List<ImportFile>();
        try
        {
            foreach (var file in args.GetMultipleFiles(MaxFiles))
            {
                if (file.Size > CatalogImport.MaxInputBytes)
                {
                    _error = $"{file.Name}: {TooLarge}";
                    return;
                }

                await using var stream = file.OpenReadStream(CatalogImport.MaxInputBytes);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                files.Add(new ImportFile(file.Name, buffer.ToArray()));
            }

            _files = files;
            if (_format == ImportFormat.Backstage && string.IsNullOrWhiteSpace(_source) && files.Count > 0)
            {
                _source = files[0].Name;
            }
        }
        catch (IOException)
        {
            _error = TooLarge; // the browser said a smaller size than it sent
        }
        catch (InvalidOperationException ex)
        {
            _error = ex.Message; // more files than MaxFiles
        }
    }

    private async Task PreviewAsync()
    {
        _result = null;
        _error = null;
        if (ImportSync.SourceProblem(Source) is { } sourceProblem)
        {
            _error = sourceProblem;
            return;
        }

        ImportPreview? preview = null;
        var ran = await RunAsync("Checking the file…", () => Action.RunAsync(Choice.Policy, async () => preview = await Importer.PreviewAsync(_format, _files, new ImportSync(Source)),
            "Checked: nothing is stored until you import."));
        ShowPreview(preview);
        _error = ran ? null : $"Your sign-in role may not import {Choice.Text}.";
    }

    private async Task CommitAsync()
    {
        var removing = TickedRemovals;
        if (removing > 0 && !await Dialogs.ConfirmAsync("Import and remove",
                $"This import also removes {removing} {(removing == 1 ? "entry" : "entries")} that {_previewedSource} no longer holds (relationships are deleted; entries deleted, or retired when the portal keeps something about them). Import?",
                "Import and remove"))
        {
            return;
        }

        _result = null;
        _error = null;
        ImportResult? result = null;
        var sync = new ImportSync(Source, [.. _keep]);
        var outcome = await RunAsync("Importing…", () => Action.SaveAsync(Choice.Policy, async () =>
        {
            result = await Importer.CommitAsync(_format, _files, sync);
            return result.Committed ? SaveResult<ImportResult>.Ok(result) : SaveResult<ImportResult>.Invalid("", result.Message);
        }, "Imported"));
        if (result is null)
        {
            _error = outcome.Message ?? "Nothing was imported.";
            return;
        }

        _result = result;
        ShowPreview(result.Committed ? await Importer.PreviewAsync(_format, _files, new ImportSync(Source)) : result.Preview);
    }

    /// <summary>Shows the progress bar while <paramref name="action"/> runs.</summary>
    private async Task<T> RunAsync<T>(string text, Func<Task<T>> action)
    {
        _busy = true;
        _busyText = text;
        StateHasChanged();
        try
        {
            return await action();
        }
        finally
        {
            _busy = false;
        }
    }

    private static IEnumerable<ImportItem> Ordered(ImportPreview preview) =>
        preview.Items.Where(i => !i.IsRemoval).OrderBy(i => i.Change == ImportChange.Error ? 0 : i.Change == ImportChange.Unchanged ? 2 : 1);
}
