using Microsoft.AspNetCore.Components;
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

    [Inject]
    private MeasurementCsvImport Import { get; set; } = default!;

    [Inject]
    private SupplierSlaQueries Queries { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _suppliers = await Queries.SuppliersAsync();

    private string TemplateUrl =>
        "/api/slas/measurements/template.csv" + (_templateSupplier is null ? "" : "?supplier=" + Uri.EscapeDataString(_templateSupplier));

    protected override string Policy => PortalPolicies.EditSuppliersAndSlas;

    protected override string Success => "Measurements imported";

    protected override Task<MeasurementImportPreview> PreviewFileAsync(Stream file) => Import.PreviewAsync(file);

    protected override Task<MeasurementImportResult> CommitFileAsync(Stream file) => Import.CommitAsync(file);

    protected override string? FileErrorOf(MeasurementImportPreview preview) => preview.FileError;

    protected override int RowCountOf(MeasurementImportPreview preview) => preview.Rows.Count;

    protected override (bool Committed, string Message, MeasurementImportPreview Preview) Outcome(MeasurementImportResult result) => (result.Committed, result.Message, result.Preview);
}
