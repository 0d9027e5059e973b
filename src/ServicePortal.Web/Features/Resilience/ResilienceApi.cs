using System.Globalization;
using System.Text;
using ServicePortal.Core;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Resilience;
using ServicePortal.Web.Api;

namespace ServicePortal.Web.Features.Resilience;

/// <summary>A business service as the resilience API names it.</summary>
public sealed record BusinessServiceRef(string Key, string Name, int Tier)
{
    public static BusinessServiceRef From(BusinessServiceHit hit) => new(hit.Key, hit.Name, hit.Tier);
}

/// <summary>One single point of failure: what it is, what it takes down on its own, the path that explains it, and what could stand in.</summary>
public sealed record SinglePointResponse(
    int Rank, string Key, string Name, NodeType NodeType, bool IsSupplier, int TopTier, IReadOnlyList<BusinessServiceRef> BusinessServicesDown,
    int BusinessServicesDownCount, int Tier1Count, string Path, bool HasAlternate, IReadOnlyList<string> Alternates)
{
    public static SinglePointResponse From(SinglePointOfFailure s) => new(
        s.Rank, s.Key, s.Name, s.NodeType, s.IsSupplier, s.TopTier, [.. s.BusinessServicesDown.Select(BusinessServiceRef.From)],
        s.BusinessServicesDownCount, s.Tier1Count, s.Path, s.HasAlternate, s.Alternates);
}

public sealed record SinglePointsResponse(string Rule, int BusinessServicesChecked, int Count, IReadOnlyList<SinglePointResponse> Items);

public sealed record ChainLinkResponse(string Name, string? Key, double AvailabilityPercent, string? TargetKey, int? MinimumUp, IReadOnlyList<string>? Members, string Text)
{
    public static ChainLinkResponse From(ChainLink link) => new(link.Name, link.Key, link.AvailabilityPercent, link.TargetKey, link.MinimumUp, link.Members, link.Describe());
}

public sealed record SlaChainItemResponse(
    string Key, string Name, int Tier, double? PromisedPercent, string? PromiseKey, double DeliverablePercent, bool HasShortfall, int TargetsUsed,
    IReadOnlyList<ChainLinkResponse> WeakestLinks)
{
    public static SlaChainItemResponse From(SlaChainResult r) => new(
        r.Key, r.Name, r.Tier, r.PromisedPercent, r.PromiseKey, r.DeliverablePercent, r.HasShortfall, r.TargetsUsed, [.. r.WeakestLinks.Select(ChainLinkResponse.From)]);
}

public sealed record SlaChainResponse(string Formula, int Count, IReadOnlyList<SlaChainItemResponse> Services);

public sealed record RenewalResponse(
    int Rank, string Reference, string Title, string Supplier, string NoticeDate, string EndDate, int DaysToNotice, decimal AnnualValue, string Currency,
    IReadOnlyList<string> CoveredServices, int? TopTier, IReadOnlyList<BusinessServiceRef> BusinessServices, int BusinessServicesDown,
    bool CoversSinglePointOfFailure, IReadOnlyList<string> SinglePointsOfFailure)
{
    public static RenewalResponse From(RenewalImpact r) => new(
        r.Rank, r.Reference, r.Title, r.SupplierName, Day(r.NoticeDate), Day(r.EndDate), r.DaysToNotice, r.AnnualValue, r.Currency, r.CoveredServices,
        r.TopTier, [.. r.BusinessServices.Select(BusinessServiceRef.From)], r.BusinessServicesDown, r.CoversSinglePointOfFailure, r.SinglePointsOfFailure);

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record RenewalsResponse(int Months, string Order, int Count, IReadOnlyList<RenewalResponse> Contracts);

/// <summary>
/// <c>/api/v1/resilience</c>: single points of failure (JSON and CSV), SLA chains and renewals by impact. Read-only,
/// for any signed-in user or token (the API group's policy).
/// </summary>
public static class ResilienceApi
{
    public const string SinglePointsRule =
        "A node or supplier whose failure alone takes a live tier-1/2 business service Down, by the impact engine (redundancy groups count). Ranked by the most critical tier taken down, then the tier-1 and the tier-1/2 business services taken down; the first 10 are listed, all are counted.";

    public const string ChainFormula =
        "Series multiply (each node and redundancy group once); a k-of-n redundancy group gives the probability that at least k members are up (binomial formula; members keep their own chains). Nodes without an availability SLA target count as 100 %.";

    public const string RenewalOrder =
        "Most critical tier relying on the covered services, then a single point of failure covered, then business services taken down, then business services relying, then notice date.";

    public static void MapResilienceApi(this RouteGroupBuilder api)
    {
        var resilience = api.MapGroup("/resilience").WithTags("Resilience");

        resilience.MapGet("/single-points-of-failure", GetSinglePoints)
            .Produces<SinglePointsResponse>()
            .WithSummary("Every node and supplier whose failure alone takes a live tier-1/2 business service Down (redundancy-aware), ranked by business impact, with the path and any alternate. Cached until the CMDB changes.");

        resilience.MapGet("/single-points-of-failure.csv", GetSinglePointsCsv)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The single points of failure as CSV (one row each; the first 10 business services taken down separated by semicolons).");

        resilience.MapGet("/sla-chain", GetSlaChain)
            .Produces<SlaChainResponse>()
            .WithSummary("For each live business service: its availability promise, what the SLA targets beneath it can deliver (series multiply, redundancy groups in parallel), and the weakest links. Shortfalls first.");

        resilience.MapGet("/renewals", GetRenewals)
            .Produces<RenewalsResponse>().ProducesValidationProblem()
            .WithSummary($"Active contracts whose notice date falls in the next `months` months (1–{RenewalRanking.MaxMonths}, default {ResilienceRoutes.DefaultRenewalMonths}), ordered by the business impact of what they cover.");
    }

    private static async Task<IResult> GetSinglePoints(ResilienceService resilience, CancellationToken ct)
    {
        var report = await resilience.SinglePointsOfFailureAsync(ct);
        return TypedResults.Ok(new SinglePointsResponse(
            SinglePointsRule, report.BusinessServicesChecked, report.Items.Count, [.. report.Items.Select(SinglePointResponse.From)]));
    }

    private static async Task<IResult> GetSinglePointsCsv(ResilienceService resilience, CancellationToken ct)
    {
        var report = await resilience.SinglePointsOfFailureAsync(ct);
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(report))).ToArray(), "text/csv; charset=utf-8", "single-points-of-failure.csv");
    }

    /// <summary>The CSV of the single points of failure, through the one CSV writer (formula-safe cells).</summary>
    public static string ToCsv(SinglePointsOfFailureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvExportWriter(text))
        {
            csv.Row(["Rank", "Key", "Name", "Type", "Top tier", "Tier-1 business services down", "Tier-1/2 business services down", "Business services down (first 10)", "Path", "Alternate exists", "Alternates"]);
            foreach (var item in report.Items)
            {
                csv.Row([
                    item.Rank.ToString(CultureInfo.InvariantCulture), item.Key, item.Name, item.NodeType.ToString(), item.TopTier.ToString(CultureInfo.InvariantCulture),
                    item.Tier1Count.ToString(CultureInfo.InvariantCulture), item.BusinessServicesDownCount.ToString(CultureInfo.InvariantCulture),
                    string.Join("; ", item.BusinessServicesDown.Select(s => $"{s.Name} (tier {s.Tier})")), item.Path,
                    item.HasAlternate ? "yes" : "no", string.Join("; ", item.Alternates),
                ]);
            }

            csv.Flush();
        }

        return text.ToString();
    }

    private static async Task<IResult> GetSlaChain(ResilienceService resilience, CancellationToken ct)
    {
        var chains = await resilience.SlaChainsAsync(ct);
        return TypedResults.Ok(new SlaChainResponse(ChainFormula, chains.Count, [.. chains.Select(SlaChainItemResponse.From)]));
    }

    private static async Task<IResult> GetRenewals(int? months, ResilienceService resilience, CancellationToken ct)
    {
        var window = months ?? ResilienceRoutes.DefaultRenewalMonths;
        if (window is < 1 or > RenewalRanking.MaxMonths)
        {
            return ApiRequests.Invalid("months", $"months must be between 1 and {RenewalRanking.MaxMonths}.");
        }

        var renewals = await resilience.RenewalsAsync(window, ct);
        return TypedResults.Ok(new RenewalsResponse(window, RenewalOrder, renewals.Count, [.. renewals.Select(RenewalResponse.From)]));
    }
}
