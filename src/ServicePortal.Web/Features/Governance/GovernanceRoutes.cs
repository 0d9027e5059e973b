using System.Globalization;
using static ServicePortal.Web.Features.Shared.RouteQuery;

namespace ServicePortal.Web.Features.Governance;

/// <summary>The addresses of the governance pages.</summary>
public static class GovernanceRoutes
{
    public const string Gaps = "/governance";

    public const string Roles = "/governance/roles";

    public const string Assignments = "/governance/assignments";

    public const string People = "/governance/people";

    public static string Raci(string? view = null, string? domainKey = null) => Build("/governance/raci", ("view", view), ("domain", domainKey));

    public static string Role(string key) => "/governance/roles/" + Segment(key);

    public static string Assignment(int id) => "/governance/assignments/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The role assignments of one domain.</summary>
    public static string Domain(string key) => "/governance/domains/" + Segment(key);

    public static string Person(int id) => "/governance/people/" + id.ToString(CultureInfo.InvariantCulture);
}
