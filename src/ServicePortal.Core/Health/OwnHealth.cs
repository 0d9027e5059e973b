using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

/// <summary>
/// The result of one SLA target in the period health is judged for, with what an explanation needs to name it.
/// <see cref="Value"/> is null when nothing was measured (then <see cref="Result"/> is NoData).
/// </summary>
public sealed record SlaOutcome(
    int SlaTargetId,
    string Key,
    string Name,
    int ServiceId,
    int SupplierId,
    string SupplierName,
    DateOnly PeriodStart,
    SlaResult Result,
    double? Value,
    double Target,
    TargetDirection Direction,
    string Unit)
{
    /// <summary>"Parcel API availability 97.8 % against ≥ 99.5 % (Swiftline, 2026-11)".</summary>
    public string Describe() =>
        Value is { } v
            ? $"{Name} {v:0.##} {Unit} against {(Direction == TargetDirection.AtLeast ? "≥" : "≤")} {Target:0.##} {Unit} ({SupplierName}, {PeriodStart:yyyy-MM})"
            : $"{Name}: no measurement ({SupplierName}, {PeriodStart:yyyy-MM})";
}

/// <summary>
/// Health levels are <see cref="OperationalStatus"/> values, whose declaration order is also their severity:
/// Unknown &lt; Healthy &lt; AtRisk &lt; Degraded &lt; Down. "Worse of two" is therefore the larger value, and Unknown
/// (no information) never hides information from another source.
/// </summary>
public static class HealthLevels
{
    public static OperationalStatus Worse(OperationalStatus a, OperationalStatus b) => a >= b ? a : b;

    /// <summary>True for AtRisk, Degraded and Down: a level a CIO must look at.</summary>
    public static bool NeedsAttention(OperationalStatus status) => status >= OperationalStatus.AtRisk;

    public static string Text(OperationalStatus status) => status switch
    {
        OperationalStatus.AtRisk => "At risk",
        _ => status.ToString(),
    };
}

/// <summary>
/// A node's OWN health: what its own SLA results and its recorded status say, before anything it depends on is
/// considered (that is the effective health, see <see cref="HealthEngine"/>).
/// <list type="number">
/// <item><b>SLA part</b> (services; only the SLA targets of the service, for the period judged): any target
/// Breached → Degraded; otherwise any AtRisk → AtRisk; otherwise, when at least one target was measured and all
/// measured ones are Met → Healthy. Targets without a measurement in the period are ignored; when no target of
/// the service was measured (or it has none) the SLA part is Unknown. A breach makes a service Degraded, not Down:
/// an SLA result says the service was delivered below its promise over a period, not that it stopped.</item>
/// <item><b>Recorded part</b>: the node's recorded <see cref="OperationalStatus"/> (Unknown, Healthy, AtRisk,
/// Degraded, Down), but only when health is judged for the present (<paramref name="recordedApplies"/>). The recorded
/// status has no history: for a past "as of" period it says nothing about that period, so there it is left out
/// (Unknown) rather than projected backwards.</item>
/// <item><b>Own health</b> = the worse of the two parts (Unknown counts as "no information", so the other part
/// decides). Hence: SLA data and no recorded status → SLA part; no SLA data → recorded status; neither → Unknown.
/// A recorded Down with all SLAs Met is Down (operations knows something the monthly figures do not yet show).</item>
/// </list>
/// </summary>
public static class OwnHealth
{
    /// <summary>The SLA part from the worst result among a service's targets for the period (NoData when none was measured).</summary>
    public static OperationalStatus FromSla(SlaResult worstMeasured) => worstMeasured switch
    {
        SlaResult.Breached => OperationalStatus.Degraded,
        SlaResult.AtRisk => OperationalStatus.AtRisk,
        SlaResult.Met => OperationalStatus.Healthy,
        _ => OperationalStatus.Unknown,
    };

    /// <summary>The worst measured result: Breached &gt; AtRisk &gt; Met; NoData only when nothing was measured.</summary>
    public static SlaResult WorstMeasured(IEnumerable<SlaResult> results)
    {
        var worst = SlaResult.NoData;
        foreach (var result in results)
        {
            worst = Rank(result) > Rank(worst) ? result : worst;
        }

        return worst;
    }

    public static OperationalStatus Of(SlaResult worstMeasured, OperationalStatus recorded, bool recordedApplies) =>
        HealthLevels.Worse(FromSla(worstMeasured), recordedApplies ? recorded : OperationalStatus.Unknown);

    internal static int Rank(SlaResult result) => result switch
    {
        SlaResult.Met => 1,
        SlaResult.AtRisk => 2,
        SlaResult.Breached => 3,
        _ => 0,
    };
}
