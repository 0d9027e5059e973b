using Microsoft.AspNetCore.Components;
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
    [Inject]
    private KpiMeasurementCsvImport Import { get; set; } = default!;

    protected override string Policy => PortalPolicies.EditScore;

    protected override string Success => "KPI values imported";

    protected override Task<KpiImportPreview> PreviewFileAsync(Stream file) => Import.PreviewAsync(file);

    protected override Task<KpiImportResult> CommitFileAsync(Stream file) => Import.CommitAsync(file);

    protected override string? FileErrorOf(KpiImportPreview preview) => preview.FileError;

    protected override int RowCountOf(KpiImportPreview preview) => preview.Rows.Count;

    protected override (bool Committed, string Message, KpiImportPreview Preview) Outcome(KpiImportResult result) => (result.Committed, result.Message, result.Preview);
}
