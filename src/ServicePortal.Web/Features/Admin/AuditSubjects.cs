using System.Globalization;
using System.Text;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Web.Features.Catalog;
using ServicePortal.Web.Features.Governance;
using ServicePortal.Web.Features.OperatingModel;
using ServicePortal.Web.Features.Slas;

namespace ServicePortal.Web.Features.Admin;

/// <summary>
/// What the audit log shows for an entry: the kind of thing in words ("SLA target", not <c>SlaTarget</c>), its name, and
/// a link to its page through the features' typed routes. Deleted things get no link (their page is gone).
/// </summary>
public static class AuditSubjects
{
    /// <summary>The kind of the changed thing in words.</summary>
    public static string Kind(string entityType) => entityType switch
    {
        nameof(ServicePortal.Core.Catalog.Service) => "Service",
        nameof(ConfigurationItem) => "Configuration item",
        "Supplier" => "Supplier",
        "SlaTarget" => "SLA target",
        "SlaMeasurement" => "SLA measurement",
        "PracticeKpi" => "Practice KPI",
        "KpiMeasurement" => "KPI measurement",
        "RoleAssignment" => "Role assignment",
        "GovernanceRole" => "Governance role",
        _ => Words(entityType),
    };

    /// <summary>The name to show: the entity's own name, or its kind and number when it has none.</summary>
    public static string Name(AuditRow row) =>
        string.IsNullOrWhiteSpace(row.EntityName) ? $"{Kind(row.EntityType).ToLowerInvariant()} {row.EntityId}" : row.EntityName;

    /// <summary>The page of the changed thing, or null when it has none or no longer exists.</summary>
    public static string? Link(AuditRow row)
    {
        if (row.Action == AuditAction.Deleted)
        {
            return null;
        }

        var name = row.EntityName;
        var hasName = !string.IsNullOrWhiteSpace(name);
        return row.EntityType switch
        {
            nameof(ServicePortal.Core.Catalog.Service) when hasName => CatalogRoutes.Node(NodeType.Service, name!),
            nameof(ConfigurationItem) when hasName => CatalogRoutes.Node(NodeType.ConfigurationItem, name!),
            "Supplier" when hasName => CatalogRoutes.Node(NodeType.Supplier, name!),
            "Domain" => CatalogRoutes.Domains,
            "Contract" when hasName => SlaRoutes.Contracts(contractReference: name),
            "SlaTarget" when hasName => SlaRoutes.Target(name!),
            "ScoreVersion" when hasName && int.TryParse(name!.TrimStart('v'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => ScoreRoutes.Version(number),
            "Practice" or "PracticeKpi" or "KpiMeasurement" => ScoreRoutes.Board,
            "GovernanceRole" => GovernanceRoutes.Roles,
            "RoleAssignment" when int.TryParse(row.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => GovernanceRoutes.Assignment(id),
            "Person" when int.TryParse(row.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => GovernanceRoutes.Person(id),
            _ => null,
        };
    }

    /// <summary>A property name in words: "DisplayName" → "Display name", "DomainId" → "Domain", "RtoMinutes" → "Rto minutes".</summary>
    public static string Field(string property)
    {
        var name = property.Length > 2 && property.EndsWith("Id", StringComparison.Ordinal) ? property[..^2] : property;
        return Words(name);
    }

    private static string Words(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            var startsWord = i > 0 && char.IsUpper(c) && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
            if (startsWord)
            {
                text.Append(' ');
            }

            text.Append(i == 0 ? char.ToUpperInvariant(c) : startsWord && i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) ? char.ToLowerInvariant(c) : c);
        }

        return text.ToString();
    }
}
