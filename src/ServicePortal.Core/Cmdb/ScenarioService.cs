using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Cmdb;

/// <summary>A node to mark in a scenario, by key (how the dialog, the API and a file name a node).</summary>
public sealed record ScenarioMarkInput(string? NodeKey, ScenarioMark Mark = ScenarioMark.Failed);

/// <summary>What a user saves: a name, an optional description and the marked nodes; <see cref="Version"/> is the one loaded (null for a new scenario).</summary>
public sealed record ScenarioInput(string? Name, string? Description, IReadOnlyList<ScenarioMarkInput>? Nodes, int? Version = null);

public sealed record ScenarioMember(NodeLink Node, ScenarioMark Mark);

public sealed record ScenarioSummary(int Id, string Name, string? Description, int NodeCount, string? CreatedBy, DateTime UpdatedAt, int Version);

public sealed record ScenarioDetail(int Id, string Name, string? Description, int Version, string? CreatedBy, DateTime UpdatedAt, IReadOnlyList<ScenarioMember> Nodes);

/// <summary>What one side of a comparison hits: today's recorded failures, a saved scenario or unsaved marks.</summary>
public sealed record ScenarioOutcome(string Label, int? ScenarioId, IReadOnlyList<ScenarioMember> Marked, ImpactReport Report);

/// <summary>One thing hit on either side of a comparison, with its level on each (None where that side leaves it alone).</summary>
public sealed record ScenarioHit(string Key, string Name, ImpactLevel Left, ImpactLevel Right)
{
    public bool Changed => Left != Right;
}

/// <summary>Two outcomes side by side: services, domains, SLA targets and accountable people hit, worst first.</summary>
public sealed record ScenarioComparison(
    ScenarioOutcome Left, ScenarioOutcome Right, IReadOnlyList<ScenarioHit> Services, IReadOnlyList<ScenarioHit> Domains, IReadOnlyList<ScenarioHit> SlaTargets,
    IReadOnlyList<ScenarioHit> People);

/// <summary>
/// Saved what-if scenarios (issue 17): several nodes marked failed or degraded together, named, saved, reopened and
/// compared with today or with each other. Every result comes from the one impact engine
/// (<see cref="CmdbGraphService.WhatIfAsync(IReadOnlyCollection{ImpactSeed}, CancellationToken)"/>): a scenario's
/// outcome is exactly the engine's answer for its marks. Saving changes no CMDB data; it is audited like every save.
/// </summary>
public sealed class ScenarioService(IDbContextFactory<PortalDbContext> factory, CmdbGraphService graph)
{
    /// <summary>The most nodes one scenario may mark: enough for any realistic "what if these fail together".</summary>
    public const int MaxNodes = 50;

    public const string TodayLabel = "Today (recorded status)";

    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Scenarios.AsNoTracking()
            .Select(s => new ScenarioSummary(s.Id, s.Name, s.Description, s.Nodes.Count, s.CreatedBy, s.UpdatedAt, s.Version))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<ScenarioDetail?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, id, cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> null) or replaces a scenario; refuses a stale <see cref="ScenarioInput.Version"/> with the current one.</summary>
    public async Task<SaveResult<ScenarioDetail>> SaveAsync(int? id, ScenarioInput input, string? actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = new ValidationErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(nameof(ScenarioInput.Name), "The name is required.");
        }
        else if (name.Length > FieldLengths.Name)
        {
            errors.Add(nameof(ScenarioInput.Name), $"The name may have at most {FieldLengths.Name} characters.");
        }
        else if (TextRules.Problem(name, isName: true) is { } nameProblem)
        {
            errors.Add(nameof(ScenarioInput.Name), $"The name {nameProblem}.");
        }

        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > FieldLengths.Description })
        {
            errors.Add(nameof(ScenarioInput.Description), $"The description may have at most {FieldLengths.Description} characters.");
        }
        else if (TextRules.Problem(description, allowLineBreaks: true) is { } descriptionProblem)
        {
            errors.Add(nameof(ScenarioInput.Description), $"The description {descriptionProblem}.");
        }

        var marks = await ResolveAsync(db, input.Nodes ?? [], errors, cancellationToken);
        if (!errors.Any && name is not null)
        {
            var lower = name.ToLowerInvariant();
            var others = id ?? 0;
            if (await db.Scenarios.AnyAsync(s => s.Id != others && s.Name.ToLower() == lower, cancellationToken))
            {
                errors.AddDuplicate(nameof(ScenarioInput.Name), $"A scenario named '{name}' already exists.");
            }
        }

        if (errors.Any)
        {
            return SaveResult<ScenarioDetail>.Invalid(errors);
        }

        Scenario scenario;
        if (id is { } existingId)
        {
            var found = await db.Scenarios.Include(s => s.Nodes).FirstOrDefaultAsync(s => s.Id == existingId, cancellationToken);
            if (found is null)
            {
                return SaveResult<ScenarioDetail>.NotFound($"There is no scenario {existingId}; someone may have deleted it.");
            }

            if (input.Version is not { } version || version != found.Version)
            {
                return SaveResult<ScenarioDetail>.Stale((await LoadAsync(db, existingId, cancellationToken))!);
            }

            scenario = found;
            var ownChanged = scenario.Name != name || scenario.Description != description;
            var before = scenario.Nodes.Select(n => (n.NodeId, n.Mark)).Order().ToList();
            scenario.Name = name!;
            scenario.Description = description;
            var wanted = marks.ToDictionary(m => m.NodeId, m => m.Mark);
            foreach (var gone in scenario.Nodes.Where(n => !wanted.ContainsKey(n.NodeId)).ToList())
            {
                db.ScenarioNodes.Remove(gone);
            }

            foreach (var kept in scenario.Nodes.Where(n => wanted.ContainsKey(n.NodeId)))
            {
                kept.Mark = wanted[kept.NodeId];
            }

            var had = scenario.Nodes.Select(n => n.NodeId).ToHashSet();
            scenario.Nodes.AddRange(marks.Where(m => !had.Contains(m.NodeId)).Select(m => new ScenarioNode { NodeId = m.NodeId, Mark = m.Mark }));

            // The scenario is one thing to its users: a change of its nodes alone is a new version of it too (the auditing
            // interceptor advances the version only when the scenario's own fields change), checked against the version loaded.
            if (!ownChanged && !before.SequenceEqual(marks.Select(m => (m.NodeId, m.Mark)).Order()))
            {
                scenario.Version++;
            }
        }
        else
        {
            scenario = new Scenario
            {
                Name = name!,
                Description = description,
                CreatedBy = actor,
                Nodes = [.. marks.Select(m => new ScenarioNode { NodeId = m.NodeId, Mark = m.Mark })],
            };
            db.Scenarios.Add(scenario);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            return await LoadAsync(fresh, scenario.Id, cancellationToken) is { } theirs
                ? SaveResult<ScenarioDetail>.Stale(theirs)
                : SaveResult<ScenarioDetail>.NotFound("Someone else deleted this scenario meanwhile.");
        }

        return SaveResult<ScenarioDetail>.Ok((await LoadAsync(db, scenario.Id, cancellationToken))!);
    }

    /// <summary>Deletes a scenario; a stale <paramref name="version"/> is refused so nobody deletes what they have not seen.</summary>
    public async Task<SaveResult<bool>> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scenario = await db.Scenarios.Include(s => s.Nodes).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (scenario is null)
        {
            return SaveResult<bool>.NotFound($"There is no scenario {id}.");
        }

        if (scenario.Version != version)
        {
            return new SaveResult<bool>(false, new Dictionary<string, string[]> { [""] = ["Someone else changed this scenario since you opened it. Reload it and delete again."] }, SaveKind.Conflict);
        }

        db.ScenarioNodes.RemoveRange(scenario.Nodes);
        db.Scenarios.Remove(scenario);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<bool>.Ok(true);
    }

    /// <summary>The outcome of a saved scenario, or of today's recorded failures when <paramref name="scenarioId"/> is null; null when the scenario does not exist.</summary>
    public async Task<ScenarioOutcome?> OutcomeAsync(int? scenarioId, CancellationToken cancellationToken = default)
    {
        if (scenarioId is not { } id)
        {
            return await TodayAsync(cancellationToken);
        }

        var scenario = await GetAsync(id, cancellationToken);
        return scenario is null ? null : await EvaluateAsync(scenario.Name, scenario.Id, scenario.Nodes, cancellationToken);
    }

    /// <summary>The outcome of marks not saved yet (the page's "try it" before saving); unknown keys are refused per row.</summary>
    public async Task<SaveResult<ScenarioOutcome>> TryAsync(IReadOnlyList<ScenarioMarkInput> marks, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = new ValidationErrors();
        var resolved = await ResolveAsync(db, marks, errors, cancellationToken);
        return errors.Any ? SaveResult<ScenarioOutcome>.Invalid(errors) : SaveResult<ScenarioOutcome>.Ok(await EvaluateAsync("Unsaved scenario", null, resolved.Select(m => m.Member).ToList(), cancellationToken));
    }

    /// <summary>Two outcomes side by side (null = today); null when either scenario does not exist.</summary>
    public async Task<ScenarioComparison?> CompareAsync(int? left, int? right, CancellationToken cancellationToken = default)
    {
        var a = await OutcomeAsync(left, cancellationToken);
        var b = await OutcomeAsync(right, cancellationToken);
        return a is null || b is null ? null : Compare(a, b);
    }

    /// <summary>Lines up what two outcomes hit. Pure: the levels are the engine's.</summary>
    public static ScenarioComparison Compare(ScenarioOutcome left, ScenarioOutcome right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = left.Report.Summary;
        var r = right.Report.Summary;
        return new ScenarioComparison(
            left,
            right,
            Hits(l.Services.Select(s => (s.Key, s.Name, s.Level)), r.Services.Select(s => (s.Key, s.Name, s.Level))),
            Hits(l.Domains.Select(d => (d.Name, d.Name, d.WorstLevel)), r.Domains.Select(d => (d.Name, d.Name, d.WorstLevel))),
            Hits(l.SlaTargets.Select(t => (t.Key, t.Name, t.Level)), r.SlaTargets.Select(t => (t.Key, t.Name, t.Level))),
            Hits(People(l), People(r)));
    }

    private static IEnumerable<(string Key, string Name, ImpactLevel Level)> People(ImpactSummary summary) =>
        summary.AccountablePeople.GroupBy(p => p.PersonId)
            .Select(g => (g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.First().PersonName, g.Max(p => p.Level)));

    private static List<ScenarioHit> Hits(
        IEnumerable<(string Key, string Name, ImpactLevel Level)> left, IEnumerable<(string Key, string Name, ImpactLevel Level)> right)
    {
        var hits = new Dictionary<string, ScenarioHit>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, name, level) in left)
        {
            hits[key] = hits.TryGetValue(key, out var hit) ? hit with { Left = Worse(hit.Left, level) } : new ScenarioHit(key, name, level, ImpactLevel.None);
        }

        foreach (var (key, name, level) in right)
        {
            hits[key] = hits.TryGetValue(key, out var hit) ? hit with { Right = Worse(hit.Right, level) } : new ScenarioHit(key, name, ImpactLevel.None, level);
        }

        return [.. hits.Values.OrderByDescending(h => Worse(h.Left, h.Right)).ThenByDescending(h => h.Changed).ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static ImpactLevel Worse(ImpactLevel a, ImpactLevel b) => a > b ? a : b;

    private async Task<ScenarioOutcome> TodayAsync(CancellationToken cancellationToken)
    {
        var report = await graph.RecordedAsync(cancellationToken);
        var index = report.Result.Index;
        var marked = report.Result.Seeds
            .Where(s => index.TryGetNode(s.NodeId, out _))
            .Select(s => (Node: index.Node(s.NodeId), s.Level))
            .Select(x => new ScenarioMember(new NodeLink(x.Node.Id, x.Node.Key, x.Node.Name, x.Node.NodeType), x.Level == ImpactLevel.Down ? ScenarioMark.Failed : ScenarioMark.Degraded))
            .ToList();
        return new ScenarioOutcome(TodayLabel, null, marked, report);
    }

    private async Task<ScenarioOutcome> EvaluateAsync(string label, int? id, IReadOnlyList<ScenarioMember> members, CancellationToken cancellationToken)
    {
        var seeds = members.Select(m => new ImpactSeed(m.Node.Id, m.Mark == ScenarioMark.Failed ? ImpactLevel.Down : ImpactLevel.Degraded)).ToList();
        return new ScenarioOutcome(label, id, members, await graph.WhatIfAsync(seeds, cancellationToken));
    }

    private sealed record Resolved(int NodeId, ScenarioMark Mark, ScenarioMember Member);

    private static async Task<List<Resolved>> ResolveAsync(PortalDbContext db, IReadOnlyList<ScenarioMarkInput> marks, ValidationErrors errors, CancellationToken cancellationToken)
    {
        const string field = nameof(ScenarioInput.Nodes);
        if (marks.Count == 0)
        {
            errors.Add(field, "Mark at least one node as failed or degraded.");
            return [];
        }

        if (marks.Count > MaxNodes)
        {
            errors.Add(field, $"A scenario may mark at most {MaxNodes} nodes; this one marks {marks.Count}.");
            return [];
        }

        // Keys are matched ignoring case. As typed or in capitals (as the portal makes them) they are found through the
        // key index; only a key found neither way is compared in capitals, which reads every key of the CMDB.
        var given = marks.Select(m => m.NodeKey?.Trim()).OfType<string>().Where(k => k.Length > 0).Distinct().ToList();
        var exact = given.Concat(given.Select(k => k.ToUpperInvariant())).Distinct().ToList();
        var nodes = await db.Nodes.AsNoTracking().Where(n => exact.Contains(n.Key))
            .Select(n => new NodeLink(n.Id, n.Key, n.Name, n.NodeType)).ToListAsync(cancellationToken);
        var byKey = new Dictionary<string, NodeLink>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes.OrderBy(n => given.Contains(n.Key, StringComparer.Ordinal) ? 0 : 1))
        {
            byKey.TryAdd(node.Key, node);
        }

        var unmatched = given.Where(k => !byKey.ContainsKey(k)).Select(k => k.ToUpperInvariant()).Distinct().ToList();
        if (unmatched.Count > 0)
        {
            foreach (var node in await db.Nodes.AsNoTracking().Where(n => unmatched.Contains(n.Key.ToUpper()))
                .Select(n => new NodeLink(n.Id, n.Key, n.Name, n.NodeType)).ToListAsync(cancellationToken))
            {
                byKey.TryAdd(node.Key, node);
            }
        }
        var resolved = new List<Resolved>();
        var seen = new HashSet<int>();
        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            var row = $"{field}[{i}]";
            if (!Enum.IsDefined(mark.Mark))
            {
                errors.Add(row, $"'{mark.Mark}' is not a mark; use Failed or Degraded.");
            }
            else if (string.IsNullOrWhiteSpace(mark.NodeKey))
            {
                errors.Add(row, "The node key is required.");
            }
            else if (!byKey.TryGetValue(mark.NodeKey.Trim(), out var node))
            {
                errors.Add(row, $"No node has the key '{mark.NodeKey.Trim()}'.");
            }
            else if (!seen.Add(node.Id))
            {
                errors.Add(row, $"{node.Name} ({node.Key}) is marked twice.");
            }
            else
            {
                resolved.Add(new Resolved(node.Id, mark.Mark, new ScenarioMember(node, mark.Mark)));
            }
        }

        return resolved;
    }

    private static async Task<ScenarioDetail?> LoadAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        var scenario = await db.Scenarios.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Name, s.Description, s.Version, s.CreatedBy, s.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (scenario is null)
        {
            return null;
        }

        var members = await db.ScenarioNodes.AsNoTracking().Where(n => n.ScenarioId == id)
            .Select(n => new { n.Mark, n.Node!.Id, n.Node.Key, n.Node.Name, n.Node.NodeType })
            .ToListAsync(cancellationToken);
        return new ScenarioDetail(
            scenario.Id, scenario.Name, scenario.Description, scenario.Version, scenario.CreatedBy, scenario.UpdatedAt,
            [.. members.Select(m => new ScenarioMember(new NodeLink(m.Id, m.Key, m.Name, m.NodeType), m.Mark)).OrderBy(m => m.Node.Name, StringComparer.OrdinalIgnoreCase)]);
    }
}
