using System.Globalization;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Health;
using ServicePortal.Core.Slas;

using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Health;

/// <summary>A node as the health API names it.</summary>
public sealed record HealthNodeRef(string Key, string Name, NodeType NodeType)
{
    public static HealthNodeRef From(NodeLink link) => new(link.Key, link.Name, link.NodeType);
}

/// <summary>One step of a root cause path: the node and the relationship type that joins it to the step before (null for the root).</summary>
public sealed record PathStepResponse(string Key, string Name, NodeType NodeType, RelationshipType? Via, bool ViaRedundancyGroup);

/// <summary>Where a node's trouble starts (<see cref="Root"/>), what is wrong there, and the path from it to the node.</summary>
public sealed record CausePathResponse(HealthNodeRef Root, string RootReason, HealthNodeRef? Supplier, IReadOnlyList<PathStepResponse> Steps, string Text)
{
    public static CausePathResponse? From(CausePath? path) => path is null
        ? null
        : new CausePathResponse(
            HealthNodeRef.From(path.Root), path.RootReason, path.Supplier is { } s ? HealthNodeRef.From(s) : null,
            [.. path.Steps.Select(step => new PathStepResponse(step.Node.Key, step.Node.Name, step.Node.NodeType, step.Via, step.ViaRedundancyGroup))],
            path.Text);
}

/// <summary>
/// A node's health: <see cref="Own"/> (its SLA results and recorded status), <see cref="Inherited"/> (None, AtRisk or
/// Down, from what it relies on), <see cref="Effective"/> (the worse of the two), which of them decides
/// (<see cref="Source"/>: None, Own, Inherited, WhatIf), the reason and the root cause path.
/// </summary>
public sealed record NodeHealthResponse(
    string Key, string Name, NodeType NodeType, OperationalStatus Own, ImpactLevel Inherited, OperationalStatus Effective, HealthSource Source, string Reason,
    CausePathResponse? RootCause)
{
    public static NodeHealthResponse From(NodeHealth health) => new(
        health.Node.Key, health.Node.Name, health.Node.NodeType, health.Own, health.Inherited, health.Effective, health.Source, health.Reason,
        CausePathResponse.From(health.RootCause));
}

public sealed record NodeHealthListResponse(string AsOf, string? WhatIf, int Count, IReadOnlyList<NodeHealthResponse> Nodes);

public sealed record RootCauseResponse(
    HealthNodeRef Node, OperationalStatus Level, string Reason, HealthNodeRef? Supplier, int ServicesHit, int BusinessServicesHit, int CriticalServicesHit,
    int NodesHit, IReadOnlyList<string> Domains, IReadOnlyList<HealthNodeRef> Services)
{
    public static RootCauseResponse From(RootCause cause) => new(
        HealthNodeRef.From(cause.Node), cause.Level, cause.Reason, cause.Supplier is { } s ? HealthNodeRef.From(s) : null, cause.ServicesHit,
        cause.BusinessServicesHit, cause.CriticalServicesHit, cause.NodesHit, cause.Domains, [.. cause.Services.Select(HealthNodeRef.From)]);
}

public sealed record RootCausesResponse(string AsOf, IReadOnlyList<RootCauseResponse> RootCauses);

/// <summary>A domain tile: status and score (see <see cref="HealthDashboardResponse.ScoreFormula"/>), the sentence that explains them, and where its trouble starts.</summary>
public sealed record DomainHealthTileResponse(
    string Key, string Domain, OperationalStatus Status, double? Score, string Explanation, HealthCounts Services, HealthCounts Tier1And2,
    int NeedingAttentionOwn, int NeedingAttentionInherited, IReadOnlyList<HealthNodeRef> RootCauses);

public sealed record AttentionResponse(
    HealthNodeRef Service, int Tier, ServiceKind Kind, string? Domain, OperationalStatus Own, ImpactLevel Inherited, OperationalStatus Effective,
    HealthSource Source, string Reason, CausePathResponse? RootCause);

/// <summary>What the CIO dashboard shows about health, for one month (and optionally a what-if failure).</summary>
public sealed record HealthDashboardResponse(
    string AsOf,
    string? WhatIf,
    string ScoreFormula,
    string StatusRule,
    int LiveServices,
    int NeedingAttention,
    int NeedingAttentionOwn,
    int NeedingAttentionInherited,
    HealthCounts ServiceHealth,
    IReadOnlyList<DomainHealthTileResponse> Domains,
    IReadOnlyList<RootCauseResponse> RootCauses,
    int CriticalNeedingAttention,
    IReadOnlyList<AttentionResponse> Attention);

public sealed record DomainTrendResponse(string Key, string Domain, IReadOnlyList<DomainTrendPoint> Points);

public sealed record ServiceTrendResponse(HealthNodeRef Service, int Tier, IReadOnlyList<ServiceTrendPoint> Points);

public sealed record HealthTrendsResponse(string AsOf, IReadOnlyList<string> Months, IReadOnlyList<DomainTrendResponse> Domains, IReadOnlyList<ServiceTrendResponse> BusinessServices);

/// <summary>
/// Health read-only: the dashboard's health parts, root causes, every node's own and inherited health with its root
/// cause path, and 12-month trends. Every answer comes from the same <see cref="HealthService"/> report as the
/// dashboard (what-if included), so they agree with it and with impact analysis.
/// </summary>
public static class HealthApi
{
    public static void MapHealthApi(this RouteGroupBuilder api)
    {
        var health = api.MapGroup("/health").WithTags("Health");

        health.MapGet("/domains", GetDomains)
            .Produces<DomainHealthResponse>().ProducesValidationProblem()
            .WithSummary("Health of every domain at the end of a month (default: the latest measured), weighted by service tier, with the score's formula and a sentence per domain.");

        health.MapGet("/dashboard", GetDashboard)
            .Produces<HealthDashboardResponse>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("The health part of the CIO dashboard: domain tiles explained, root causes first, live services needing attention split into own problems and inherited, tier-1/2 services needing attention with their root cause paths. whatIf=KEY marks a node failed (nothing is stored).");

        health.MapGet("/root-causes", GetRootCauses)
            .Produces<RootCausesResponse>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Where the trouble starts: the root causes, each with the live, business and tier-1/2 services and the domains it touches.");

        health.MapGet("/nodes", GetNodes)
            .Produces<NodeHealthListResponse>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("Own health, inherited risk and effective health of every node (nodeType narrows; needingAttention=true keeps At risk, Degraded and Down), with the root cause path.");

        health.MapGet("/nodes/{key}", GetNode)
            .Produces<NodeHealthResponse>().ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("One node's own health, inherited risk, effective health and the path to its root cause.");

        health.MapGet("/trends", GetTrends)
            .Produces<HealthTrendsResponse>().ProducesValidationProblem()
            .WithSummary("The 12 months ending with asOf, per domain (status, score) and per live business service (own, inherited, effective): sparkline data.");
    }

    /// <summary>Domain health as the API returns it.</summary>
    public sealed record DomainHealthResponse(string AsOf, string ScoreFormula, string StatusRule, IReadOnlyList<DomainHealthItem> Domains);

    public sealed record DomainHealthItem(
        string Domain, string Status, double? Index, HealthCounts Services, HealthCounts Tier1And2, string Explanation, int NeedingAttentionOwn, int NeedingAttentionInherited);

    private static async Task<IResult> GetDomains(string? asOf, DashboardService dashboard, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var board = await dashboard.GetAsync(month, null, ct);
        return Results.Ok(new DomainHealthResponse(
            Month(board.Period), DomainHealthRules.ScoreFormula, DomainHealthRules.StatusRule,
            [.. board.Domains
                .Select(t => new DomainHealthItem(
                    t.Name, t.Health.Status.ToString(), t.Health.Index, t.Health.Services, t.Health.Tier1And2, t.Explanation, t.NeedingAttentionOwn, t.NeedingAttentionInherited))
                .OrderBy(d => d.Domain, StringComparer.Ordinal)]));
    }

    private static async Task<IResult> GetDashboard(string? asOf, string? whatIf, DashboardService dashboard, CatalogQueries catalog, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var (failed, notFound) = await WhatIfAsync(whatIf, catalog, ct);
        if (notFound is not null)
        {
            return notFound;
        }

        var board = await dashboard.GetAsync(month, failed, ct);
        return Results.Ok(new HealthDashboardResponse(
            Month(board.Period), whatIf, board.ScoreFormula, board.StatusRule, board.ServiceHealth.Total, board.ServiceHealth.NeedingAttention,
            board.NeedingAttentionOwn, board.NeedingAttentionInherited, board.ServiceHealth,
            [.. board.Domains.Select(t => new DomainHealthTileResponse(
                t.Key, t.Name, t.Health.Status, t.Health.Index, t.Explanation, t.Health.Services, t.Health.Tier1And2,
                t.NeedingAttentionOwn, t.NeedingAttentionInherited, [.. t.RootCauses.Select(HealthNodeRef.From)]))],
            [.. board.RootCauses.Select(RootCauseResponse.From)],
            board.AttentionTotal,
            [.. board.Attention.Select(a => new AttentionResponse(
                HealthNodeRef.From(a.Service), a.Tier, a.Kind, a.DomainName, a.Own, a.Inherited, a.Health, a.Source, a.Reason, CausePathResponse.From(a.Path)))]));
    }

    private static async Task<IResult> GetRootCauses(string? asOf, string? whatIf, int? take, HealthService health, CatalogQueries catalog, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var (failed, notFound) = await WhatIfAsync(whatIf, catalog, ct);
        if (notFound is not null)
        {
            return notFound;
        }

        var report = await health.GetAsync(month, failed is { } id ? [id] : null, ct);
        var names = (await catalog.DomainChoicesAsync(ct)).ToDictionary(d => d.Id, d => d.Name);
        var causes = HealthViews.RootCauses(report, names, Math.Clamp(take ?? 10, 1, 100));
        return Results.Ok(new RootCausesResponse(Month(report.Period), [.. causes.Select(RootCauseResponse.From)]));
    }

    private static async Task<IResult> GetNodes(
        string? asOf, string? whatIf, string? nodeType, bool? needingAttention, HealthService health, CatalogQueries catalog, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var errors = new Core.ValidationErrors();
        var type = ApiRequests.Enum<NodeType>(nodeType, "nodeType", errors);
        if (errors.Any)
        {
            return ApiRequests.Invalid(errors.ToDictionary());
        }

        var (failed, notFound) = await WhatIfAsync(whatIf, catalog, ct);
        if (notFound is not null)
        {
            return notFound;
        }

        var report = await health.GetAsync(month, failed is { } id ? [id] : null, ct);
        var nodes = report.Index.Nodes
            .Where(n => type is null || n.NodeType == type)
            .Where(n => needingAttention != true || HealthLevels.NeedsAttention(report.EffectiveOf(n.Id)))
            .Select(n => NodeHealthResponse.From(HealthViews.Of(report, n.Id)))
            .ToList();
        return Results.Ok(new NodeHealthListResponse(Month(report.Period), whatIf, nodes.Count, nodes));
    }

    private static async Task<IResult> GetNode(string key, string? asOf, string? whatIf, HealthService health, CatalogQueries catalog, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var node = await catalog.FindNodeAsync(key, ct);
        if (node is null)
        {
            return ApiRequests.NotFound($"There is no service, configuration item or supplier with key '{key}'.");
        }

        var (failed, notFound) = await WhatIfAsync(whatIf, catalog, ct);
        if (notFound is not null)
        {
            return notFound;
        }

        var report = await health.GetAsync(month, failed is { } id ? [id] : null, ct);
        return report.Index.Contains(node.Id)
            ? Results.Ok(NodeHealthResponse.From(HealthViews.Of(report, node.Id)))
            : ApiRequests.NotFound($"'{key}' is not in the CMDB graph yet.");
    }

    private static async Task<IResult> GetTrends(string? asOf, DashboardService dashboard, CancellationToken ct)
    {
        if (!TryMonth(asOf, out var month, out var problem))
        {
            return problem!;
        }

        var trends = await dashboard.TrendsAsync(month, ct);
        return Results.Ok(new HealthTrendsResponse(
            Month(trends.Months[^1]), [.. trends.Months.Select(Month)],
            [.. trends.Domains.Select(d => new DomainTrendResponse(d.Key, d.Name, d.Points))],
            [.. trends.BusinessServices.Select(s => new ServiceTrendResponse(HealthNodeRef.From(s.Service), s.Tier, s.Points))]));
    }

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool TryMonth(string? asOf, out DateOnly? month, out IResult? problem)
    {
        month = null;
        problem = null;
        if (string.IsNullOrEmpty(asOf))
        {
            return true;
        }

        if (!SlaPeriods.TryParseMonth(asOf, out var parsed))
        {
            problem = Results.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = ["asOf is a month written yyyy-MM."] });
            return false;
        }

        month = parsed;
        return true;
    }

    private static async Task<(int? Id, IResult? NotFound)> WhatIfAsync(string? whatIf, CatalogQueries catalog, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(whatIf))
        {
            return (null, null);
        }

        var node = await catalog.FindNodeAsync(whatIf, ct);
        return node is null
            ? (null, ApiRequests.NotFound($"whatIf: there is no service, configuration item or supplier with key '{whatIf}'."))
            : (node.Id, null);
    }
}
