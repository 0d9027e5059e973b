using System.Text.Json;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Interop;

/// <summary>
/// Reads the catalog sections of a JSON bundle (<see cref="PortalExporter"/>): domains, suppliers, services,
/// configuration items, redundancy groups and relationships. The other sections (contracts, measurements, operating
/// model, governance) are not merged into a running portal; they are named in a warning (an export loads whole into an
/// empty database through the seed loader). A node's <c>deprecated</c> and <c>backstage</c> (its descriptor) are
/// imported when the row has them (left out, the stored node keeps its own); a row's <c>source</c> is given only to what
/// the import adds, so a bundle never moves a stored entry from one source to another (a later sync of that source could
/// then remove an entry the portal made).
/// </summary>
internal static class BundleReader
{
    public static ImportSet Parse(byte[] input)
    {
        var set = new ImportSet();
        PortalBundle? bundle;
        try
        {
            // The one bundle model and the one set of JSON rules (strict numbers, no duplicate or unknown properties)
            // that seed folders are read with too.
            bundle = PortalBundle.FromJson(input);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            var path = ex.Path is { Length: > 1 } p ? $" ({p})" : "";
            set.FileError = $"The bundle is not valid JSON{where}{path}: {ex.Message.Split(" Path:")[0]}";
            return set;
        }

        if (bundle is null)
        {
            set.FileError = "The bundle is JSON null; it must be an object with the sections " + string.Join(", ", PortalExporter.Sections.Keys) + ".";
            return set;
        }

        if (bundle.Format is not null && bundle.Format != PortalExporter.Format)
        {
            set.FileError = $"The bundle's format is '{bundle.Format}'; this portal reads '{PortalExporter.Format}'.";
            return set;
        }

        set.Bundle = bundle;

        foreach (var (d, i) in (bundle.Domains ?? []).Select((d, i) => (d, i)))
        {
            var where = $"domains item {i + 1}";
            if (string.IsNullOrWhiteSpace(d?.Key))
            {
                set.Invalid.Add(new ImportItem(where, "Domain", "", d?.Name ?? "", ImportChange.Error, [], [new ImportIssue(where, "key", "key is required")]));
                continue;
            }

            set.Domains.Add(new DomainDraft($"domains item {i + 1} ({d.Key})", d.Key.Trim(), d.Name, d.Description));
        }

        foreach (var (s, i) in (bundle.Suppliers ?? []).Select((s, i) => (s, i)))
        {
            Node(set, $"suppliers item {i + 1}", NodeType.Supplier, s?.Key, s?.Name, (errors, where) => new NodeDraft(where, NodeType.Supplier, s!.Key!.Trim(), s.Name)
            {
                IsInternal = s.Internal, Category = Enum<SupplierCategory>(errors, where, "category", s.Category), RiskRating = Enum<RiskRating>(errors, where, "riskRating", s.RiskRating),
                Lifecycle = Enum<Lifecycle>(errors, where, "lifecycle", s.Lifecycle), Status = Enum<OperationalStatus>(errors, where, "status", s.Status),
                Website = s.Website, ContactName = s.ContactName, ContactEmail = s.ContactEmail, ContactPhone = s.ContactPhone, Domain = s.Domain ?? "", Description = s.Description ?? "",
                Deprecated = s.Deprecated, Descriptor = Descriptor(errors, where, s.Backstage), ExportedSource = Source(errors, where, s.Source),
            });
        }

        foreach (var (s, i) in (bundle.Services ?? []).Select((s, i) => (s, i)))
        {
            Node(set, $"services item {i + 1}", NodeType.Service, s?.Key, s?.Name, (errors, where) => new NodeDraft(where, NodeType.Service, s!.Key!.Trim(), s.Name)
            {
                Kind = Enum<ServiceKind>(errors, where, "kind", s.Kind), Tier = s.Tier, Sourcing = Enum<Sourcing>(errors, where, "sourcing", s.Sourcing),
                Lifecycle = Enum<Lifecycle>(errors, where, "lifecycle", s.Lifecycle), Status = Enum<OperationalStatus>(errors, where, "status", s.Status),
                Domain = s.Domain ?? "", Description = s.Description ?? "",
                Deprecated = s.Deprecated, Descriptor = Descriptor(errors, where, s.Backstage), ExportedSource = Source(errors, where, s.Source),
            });
        }

        foreach (var (c, i) in (bundle.ConfigurationItems ?? []).Select((c, i) => (c, i)))
        {
            Node(set, $"configurationItems item {i + 1}", NodeType.ConfigurationItem, c?.Key, c?.Name, (errors, where) => new NodeDraft(where, NodeType.ConfigurationItem, c!.Key!.Trim(), c.Name)
            {
                CiType = Enum<CiType>(errors, where, "ciType", c.CiType), Location = c.Location ?? "",
                Lifecycle = Enum<Lifecycle>(errors, where, "lifecycle", c.Lifecycle), Status = Enum<OperationalStatus>(errors, where, "status", c.Status),
                Domain = c.Domain ?? "", Description = c.Description ?? "",
                Deprecated = c.Deprecated, Descriptor = Descriptor(errors, where, c.Backstage), ExportedSource = Source(errors, where, c.Source),
            });
        }

        foreach (var (g, i) in (bundle.Relationships?.RedundancyGroups ?? []).Select((g, i) => (g, i)))
        {
            var where = $"relationships.redundancyGroups item {i + 1}";
            if (string.IsNullOrWhiteSpace(g?.Key))
            {
                set.Invalid.Add(new ImportItem(where, "Redundancy group", "", g?.Name ?? "", ImportChange.Error, [], [new ImportIssue(where, "key", "key is required")]));
                continue;
            }

            set.Groups.Add(new GroupDraft($"{where} ({g.Key})", g.Key.Trim(), g.Name, g.MinimumUp));
        }

        foreach (var (r, i) in (bundle.Relationships?.Relationships ?? []).Select((r, i) => (r, i)))
        {
            var where = $"relationships item {i + 1} ({r?.From} {r?.Type} {r?.To})";
            var errors = new List<ImportIssue>();
            if (string.IsNullOrWhiteSpace(r?.From))
            {
                errors.Add(new ImportIssue(where, "from", "from is required (a node key)"));
            }

            if (string.IsNullOrWhiteSpace(r?.To))
            {
                errors.Add(new ImportIssue(where, "to", "to is required (a node key)"));
            }

            var type = Enum<RelationshipType>(errors, where, "type", r?.Type);
            if (type is null && errors.Count == 0)
            {
                errors.Add(new ImportIssue(where, "type", $"type is required: one of {string.Join(", ", System.Enum.GetNames<RelationshipType>())}"));
            }

            var source = Source(errors, where, r?.Source);
            if (errors.Count > 0)
            {
                set.Invalid.Add(new ImportItem(where, "Relationship", where, where, ImportChange.Error, [], errors));
                continue;
            }

            set.Relationships.Add(new RelationshipDraft(where, r!.From!.Trim(), type!.Value, r.To!.Trim(), string.IsNullOrWhiteSpace(r.RedundancyGroup) ? null : r.RedundancyGroup.Trim(), r.Description, ExportedSource: source));
        }

        var skipped = new List<string>();
        if (bundle.Contracts is { Count: > 0 })
        {
            skipped.Add($"{bundle.Contracts.Count} contracts with {bundle.Contracts.Sum(c => c.SlaTargets?.Count ?? 0)} SLA targets");
        }

        if (bundle.Measurements is { Count: > 0 })
        {
            skipped.Add($"measurements of {bundle.Measurements.Count} SLA targets");
        }

        if (bundle.OperatingModel?.ScoreVersions is { Count: > 0 } || bundle.OperatingModel?.Stages is { Count: > 0 })
        {
            skipped.Add("the operating model");
        }

        if (bundle.Governance is { } g0 && (g0.People?.Count > 0 || g0.Roles?.Count > 0 || g0.Assignments?.Count > 0))
        {
            skipped.Add($"governance ({g0.Roles?.Count ?? 0} roles, {g0.People?.Count ?? 0} people, {g0.Assignments?.Count ?? 0} assignments)");
        }

        if (skipped.Count > 0)
        {
            set.Warnings.Add(new ImportIssue("bundle", "", $"Not imported into a running portal: {string.Join("; ", skipped)}. To take a whole bundle, load it into an empty database (seed loader)."));
        }

        return set;
    }

    private static void Node(ImportSet set, string at, NodeType type, string? key, string? name, Func<List<ImportIssue>, string, NodeDraft> build)
    {
        var where = string.IsNullOrWhiteSpace(key) ? at : $"{at} ({key})";
        var errors = new List<ImportIssue>();
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add(new ImportIssue(where, "key", "key is required"));
            set.Invalid.Add(new ImportItem(where, CatalogImport.Describe(type), "", name ?? "", ImportChange.Error, [], errors));
            return;
        }

        var draft = build(errors, where);
        if (errors.Count > 0)
        {
            set.Invalid.Add(new ImportItem(where, CatalogImport.Describe(type), key.Trim(), name ?? "", ImportChange.Error, [], errors));
            return;
        }

        set.Nodes.Add(draft);
    }

    /// <summary>
    /// A row's descriptor, checked by the descriptor's own rules; null when the row has none, so that a bundle from before
    /// descriptors (or one that leaves it out) keeps what a stored node has.
    /// </summary>
    private static NodeDescriptor? Descriptor(List<ImportIssue> errors, string where, BackstageFile? backstage)
    {
        if (backstage is null)
        {
            return null;
        }

        var problems = new List<(string Field, string Message)>();
        var descriptor = backstage.ToDescriptor(problems);
        errors.AddRange(problems.Select(p => new ImportIssue(where, p.Field, p.Message)));
        return descriptor;
    }

    /// <summary>A row's source, by the rule of every import's source (<see cref="ImportSync.SourceProblem"/>).</summary>
    private static string? Source(List<ImportIssue> errors, string where, string? source)
    {
        if (ImportSync.SourceProblem(source) is { } problem)
        {
            errors.Add(new ImportIssue(where, "source", problem));
        }

        return source?.Trim();
    }

    private static T? Enum<T>(List<ImportIssue> errors, string where, string field, string? text)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (System.Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add(new ImportIssue(where, field, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}"));
        return null;
    }
}
