using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using ServicePortal.Core;
using ServicePortal.Core.Slas;

namespace ServicePortal.Web.Features.Shared;

/// <summary>
/// What the measurement import pages (SLA and KPI) share: the chosen file is read once into memory (refused above
/// the importers' limit before reading), checked by the importer's preview, and committed all or nothing from the same
/// bytes through <see cref="PortalAction"/>. A page names its importer's calls and what its results hold.
/// </summary>
public abstract class CsvImportPage<TPreview, TResult> : ComponentBase
    where TPreview : class
    where TResult : class
{
    /// <summary>The message for a file over the limit, the same words the importers use.</summary>
    public static string TooLarge => $"The file is larger than {MeasurementCsvImport.MaxFileBytes / (1024 * 1024)} MB; split it into smaller files.";

    [Inject]
    private PortalAction Action { get; set; } = default!;

    protected byte[]? File { get; private set; }

    protected string? FileName { get; private set; }

    protected long FileSize { get; private set; }

    protected TPreview? Preview { get; private set; }

    protected TResult? Result { get; private set; }

    protected string? Error { get; private set; }

    /// <summary>What is running now ("Reading and checking the file…", "Importing…"), or null.</summary>
    protected string? Busy { get; private set; }

    protected bool Committed { get; private set; }

    /// <summary>The policy the import needs and the snackbar text of a success.</summary>
    protected abstract string Policy { get; }

    protected abstract string Success { get; }

    protected abstract Task<TPreview> PreviewFileAsync(Stream file);

    protected abstract Task<TResult> CommitFileAsync(Stream file);

    protected abstract string? FileErrorOf(TPreview preview);

    protected abstract int RowCountOf(TPreview preview);

    protected abstract (bool Committed, string Message, TPreview Preview) Outcome(TResult result);

    protected async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Preview = null;
        Result = null;
        Error = null;
        File = null;
        Committed = false;
        FileName = e.File.Name;
        FileSize = e.File.Size;
        if (e.File.Size > MeasurementCsvImport.MaxFileBytes)
        {
            Error = TooLarge;
            return;
        }

        Busy = "Reading and checking the file…";
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = e.File.OpenReadStream(MeasurementCsvImport.MaxFileBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            File = buffer.ToArray();
            Preview = await PreviewFileAsync(new MemoryStream(File));
            Error = FileErrorOf(Preview);
        }
        catch (IOException)
        {
            Error = TooLarge;
        }
        finally
        {
            Busy = null;
        }
    }

    protected async Task CommitAsync()
    {
        if (File is not { } file)
        {
            return;
        }

        Busy = "Importing…";
        try
        {
            TResult? result = null;
            var outcome = await Action.SaveAsync(Policy, async () =>
            {
                result = await CommitFileAsync(new MemoryStream(file));
                var (committed, message, _) = Outcome(result);
                return committed ? SaveResult<TResult>.Ok(result) : SaveResult<TResult>.Invalid("", message);
            }, Success);
            if (result is not null)
            {
                var (committed, _, preview) = Outcome(result);
                Result = result;
                Preview = FileErrorOf(preview) is null && RowCountOf(preview) > 0 ? preview : Preview;
                Committed = committed;
            }
            else
            {
                Error = outcome.Message;
            }
        }
        finally
        {
            Busy = null;
        }
    }
}
