using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Web.Features.Shared;

namespace ServicePortal.Web.Features.OperatingModel;

/// <summary>
/// KPI values from a CSV file: read once into memory (refused above the importer's limit before reading), checked with
/// <see cref="KpiMeasurementCsvImport.PreviewAsync"/>, and committed all or nothing from the same bytes.
/// </summary>
public partial class ImportKpiMeasurements
{
    private byte[]? _file;
    private string? _fileName;
    private long _fileSize;
    private KpiImportPreview? _preview;
    private KpiImportResult? _result;
    private string? _error;
    private string? _busy;
    private bool _committed;

    [Inject]
    private KpiMeasurementCsvImport Import { get; set; } = default!;

    [Inject]
    private PortalAction Action { get; set; } = default!;

    private static string TooLarge => $"The file is larger than {MeasurementCsvImport.MaxFileBytes / (1024 * 1024)} MB; split it into smaller files.";

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        _preview = null;
        _result = null;
        _error = null;
        _file = null;
        _committed = false;
        _fileName = e.File.Name;
        _fileSize = e.File.Size;
        if (e.File.Size > MeasurementCsvImport.MaxFileBytes)
        {
            _error = TooLarge;
            return;
        }

        _busy = "Reading and checking the file…";
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = e.File.OpenReadStream(MeasurementCsvImport.MaxFileBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            _file = buffer.ToArray();
            _preview = await Import.PreviewAsync(new MemoryStream(_file));
            _error = _preview.FileError;
        }
        catch (IOException)
        {
            _error = TooLarge;
        }
        finally
        {
            _busy = null;
        }
    }

    private async Task CommitAsync()
    {
        if (_file is null)
        {
            return;
        }

        _busy = "Importing…";
        try
        {
            KpiImportResult? result = null;
            var outcome = await Action.SaveAsync(PortalPolicies.EditScore, async () =>
            {
                result = await Import.CommitAsync(new MemoryStream(_file));
                return result.Committed ? SaveResult<KpiImportResult>.Ok(result) : SaveResult<KpiImportResult>.Invalid("", result.Message);
            }, "KPI values imported");
            if (result is not null)
            {
                _result = result;
                _preview = result.Preview.FileError is null && result.Preview.Rows.Count > 0 ? result.Preview : _preview;
                _committed = result.Committed;
            }
            else
            {
                _error = outcome.Message;
            }
        }
        finally
        {
            _busy = null;
        }
    }
}
