using System.Reflection;

namespace ServicePortal.Core.Tests.Architecture;

/// <summary>
/// The shape of the Core, checked by reflection over its public and internal signatures (base types, fields,
/// properties, method parameters and return types): no UI framework, and features depending on each other only in the
/// directions listed in <see cref="AllowedDependencies"/>. A new arrow is a design decision: add it here, with why.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Core = typeof(Entity).Assembly;

    /// <summary>
    /// Feature → the features its types may name (the graph as it stands, so that a new arrow is a visible decision).
    /// Root (ServicePortal.Core: Entity, TextRules, UniqueNames, CsvText, SaveResult) and Data (the DbContext) are shared
    /// by all. Catalog and Cmdb, Catalog and Governance, Suppliers and Slas, Governance and OperatingModel know each
    /// other (an owner is a governance role over a catalog node; a contract has SLA targets and an SLA target a contract).
    /// Health reads the catalog, CMDB, SLAs and governance but nothing reads Health; Interop and Seeding (the file entry
    /// points) read and write the features but no feature names them. The change feed lives in Auditing (the audit trail
    /// is its source), so every cache that follows it (Health, Identity's token cache, Cmdb's index) names Auditing, and
    /// so do the imports (Interop, Slas, OperatingModel): PlannedCommit reads the audit rows saved since an import was
    /// planned to tell whether the plan still holds.
    /// Resilience (single points of failure, SLA chains, renewals by impact) reads the CMDB engine, SLAs and contracts and
    /// feeds the governance rules through Governance's <c>ISlaChainShortfalls</c>, so Governance never names it.
    /// Targets holds the one Met / At risk / Missed rule that SLA results and practice KPIs share; it speaks the SLAs'
    /// direction and period, and KPIs reuse the SLA measurements' CSV reader and planner types (OperatingModel → Slas).
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedDependencies = new()
    {
        ["Auditing"] = ["Catalog"],
        ["Catalog"] = ["Auditing", "Cmdb", "Governance", "Suppliers"],
        ["Cmdb"] = ["Auditing", "Catalog", "Governance"],
        ["Governance"] = ["Catalog", "OperatingModel", "Suppliers"],
        ["OperatingModel"] = ["Auditing", "Catalog", "Governance", "Slas", "Targets"],
        ["Targets"] = ["Slas"],
        ["Suppliers"] = ["Catalog", "Cmdb", "Slas"],
        ["Slas"] = ["Auditing", "Catalog", "Suppliers"],
        ["Health"] = ["Auditing", "Catalog", "Cmdb", "Governance", "Slas"],
        ["Interop"] = ["Auditing", "Catalog", "Cmdb", "Governance", "OperatingModel", "Seeding", "Suppliers"], // Backstage Users are people with roles
        ["Seeding"] = ["Auditing", "Catalog", "Cmdb", "Governance", "OperatingModel", "Slas", "Suppliers"],
        ["Resilience"] = ["Auditing", "Catalog", "Cmdb", "Governance", "Slas", "Suppliers"],
        ["Identity"] = ["Auditing"],
        ["Data"] = ["Auditing", "Catalog", "Cmdb", "Governance", "Identity", "OperatingModel", "Slas", "Suppliers"],
    };

    [Fact]
    public void NoFeature_NamesTheEntryPointsOrHealth()
    {
        var readers = AllowedDependencies.Where(d => d.Key is not ("Interop" or "Seeding" or "Data" or "Health"))
            .Where(d => d.Value.Any(v => v is "Interop" or "Seeding" or "Health")).Select(d => d.Key);

        Assert.Empty(readers);
    }

    [Fact]
    public void Core_ReferencesNoUiFrameworkAndNotTheWebProject()
    {
        var forbidden = new[] { "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Mvc", "MudBlazor", "ServicePortal.Web" };

        var references = Core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void CoreTypes_NameNoUiType()
    {
        var offenders = CoreTypes()
            .SelectMany(t => SignatureTypes(t).Select(used => (t, used)))
            .Where(x => x.used.Namespace is { } ns && (ns.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) || ns.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)))
            .Select(x => $"{x.t.FullName} uses {x.used.FullName}")
            .Distinct()
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Features_DependOnEachOtherOnlyInTheDocumentedDirections()
    {
        var violations = CoreTypes()
            .SelectMany(t => SignatureTypes(t).Select(used => (From: Feature(t), To: Feature(used), Type: t, Used: used)))
            .Where(x => x.From is not null && x.To is not null && x.From != x.To && x.To != "Data")
            .Where(x => !AllowedDependencies.TryGetValue(x.From!, out var allowed) || !allowed.Contains(x.To!))
            .Select(x => $"{x.From} → {x.To}: {x.Type.Name} uses {x.Used.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private static IEnumerable<Type> CoreTypes() =>
        Core.GetTypes().Where(t => !t.Name.StartsWith('<') && t.Namespace?.StartsWith("ServicePortal.Core", StringComparison.Ordinal) == true
            && !t.Namespace.Contains(".Migrations", StringComparison.Ordinal));

    /// <summary>The feature (second namespace segment) of a Core type; null for the root and for other assemblies.</summary>
    private static string? Feature(Type type) =>
        type.Assembly == Core && type.Namespace is { } ns && ns.Split('.') is { Length: > 2 } parts ? parts[2] : null;

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            types.Add(baseType);
        }

        types.AddRange(type.GetInterfaces());
        types.AddRange(type.GetFields(all).Select(f => f.FieldType));
        types.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            types.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                types.Add(info.ReturnType);
            }
        }

        return types.SelectMany(Unwrap).Distinct();
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            return Unwrap(element);
        }

        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition()) : [type];
    }
}
