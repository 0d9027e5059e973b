using System.Text;

namespace ServicePortal.Core.Slas;

/// <summary>
/// The CSV template that <see cref="MeasurementCsvImport"/> reads: the header row, then one row per target with its
/// key and period filled in and the value left blank for the supplier manager to complete.
/// </summary>
public static class MeasurementCsvTemplate
{
    public const string Header = "target key,period,value,note";

    /// <param name="rows">Target key and period start of each row to pre-fill.</param>
    public static string Build(IEnumerable<(string TargetKey, DateOnly PeriodStart)> rows)
    {
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var (key, period) in rows)
        {
            // Keys follow TextRules.KeyPattern (no commas or quotes), so they need no quoting.
            text.Append(key).Append(',').Append(SlaPeriods.Format(period, MeasurementPeriod.Monthly)).Append(",,\r\n");
        }

        return text.ToString();
    }
}
