using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ServicePortal.Core;
using ServicePortal.Core.Identity;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Web.Features.Shared;
using ServicePortal.Web.Hosting;

namespace ServicePortal.Web.Features.Slas;

/// <summary>
/// CSV import: the chosen file is read once into memory (refused above the importer's limit before reading), checked
/// with <see cref="MeasurementCsvImport.PreviewAsync"/>, and committed all-or-nothing from the same bytes.
/// </summary>
public partial class ImportMeasurements
{
    private IReadOnlyList<SupplierChoice> _suppliers = [];
    private string? _templateSupplier;
    private byte[]? _file;
    private string? _fileName;
    private long _fileSize;
    private MeasurementImportPreview? _preview;
    private MeasurementImportResult? _result;
    private string? _error;
    private string? _busy;
    private bool _committed;

    [Inject]
    private MeasurementCsvImport Import { get; set; } = default!;

    [Inject]
    private SupplierSlaQueries Queries { get; set; } = default!;

    [Inject]
    private PortalAction Action { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _suppliers = await Queries.SuppliersAsync();

    private string TemplateUrl =>
        "/api/slas/measurements/template.csv" + (_templateSupplier is null ? "" : "?supplier=" + Uri.EscapeDataString(_templateSupplier));

    /// <summary>The message for a file over the limit, the same words the importer uses.</summary>
    public static string TooLarge => $"The file is larger than {MeasurementCsvImport.MaxFileBytes / (1024 * 1024)} MB; split it into smaller files.";

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
            MeasurementImportResult? result = null;
            var outcome = await Action.SaveAsync(PortalPolicies.EditSuppliersAndSlas, async () =>
            {
                result = await Import.CommitAsync(new MemoryStream(_file));
                return result.Committed ? SaveResult<MeasurementImportResult>.Ok(result) : SaveResult<MeasurementImportResult>.Invalid("", result.Message);
            }, "Measurements imported");
            if (result is not null)
            {
                _result = result!;
                _preview = _result.Preview.FileError is null && _result.Preview.Rows.Count > 0 ? _result.Preview : _preview;
                _committed = _result.Committed;
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
