using MudBlazor;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;

namespace ServicePortal.Web.Features.Catalog;

/// <summary>
/// How a node's recorded status and an impact level read and which theme colour they take: "At risk" (the health
/// model's level between fine and degraded) is a warning, never the colour of "fine".
/// </summary>
public static class NodeStatus
{
    public static string Text(OperationalStatus status) => status switch
    {
        OperationalStatus.AtRisk => "At risk",
        _ => status.ToString(),
    };

    public static Color Colour(OperationalStatus status) => status switch
    {
        OperationalStatus.Healthy => Color.Success,
        OperationalStatus.AtRisk => Color.Warning,
        OperationalStatus.Degraded => Color.Warning,
        OperationalStatus.Down => Color.Error,
        _ => Color.Default,
    };

    public static string Text(ImpactLevel level) => level switch
    {
        ImpactLevel.None => "OK",
        ImpactLevel.AtRisk => "At risk",
        _ => level.ToString(),
    };

    public static Color Colour(ImpactLevel level) => level switch
    {
        ImpactLevel.Down => Color.Error,
        ImpactLevel.Degraded or ImpactLevel.AtRisk => Color.Warning,
        _ => Color.Success,
    };
}
