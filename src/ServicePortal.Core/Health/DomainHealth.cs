using ServicePortal.Core.Catalog;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Health;

/// <summary>Number of live services of a domain at each effective health level.</summary>
public sealed record HealthCounts(int Healthy, int AtRisk, int Degraded, int Down, int Unknown)
{
    public static HealthCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public int Total => Healthy + AtRisk + Degraded + Down + Unknown;

    public int NeedingAttention => AtRisk + Degraded + Down;

    public HealthCounts Add(OperationalStatus status) => status switch
    {
        OperationalStatus.Healthy => this with { Healthy = Healthy + 1 },
        OperationalStatus.AtRisk => this with { AtRisk = AtRisk + 1 },
        OperationalStatus.Degraded => this with { Degraded = Degraded + 1 },
        OperationalStatus.Down => this with { Down = Down + 1 },
        _ => this with { Unknown = Unknown + 1 },
    };
}

/// <summary>The health of one domain (<see cref="DomainId"/> null: live services with no domain).</summary>
/// <param name="Index">Criticality-weighted health index 0–100 (see <see cref="DomainHealthRules"/>); null when no live service has a known health.</param>
public sealed record DomainHealthFigure(int? DomainId, OperationalStatus Status, double? Index, HealthCounts Services, HealthCounts Tier1And2);

/// <summary>
/// Domain health from the EFFECTIVE health of the domain's live services (Pipeline and Retired services do not count).
/// <para><b>Weights</b>: a service weighs by criticality tier as in the supplier ranking
/// (<see cref="SupplierScorecards.ImpactWeight"/>): tier 1 = 8, tier 2 = 4, tier 3 = 2, tier 4 = 1.</para>
/// <para><b>Penalty</b> of a level: Healthy 0, At risk 0.25, Degraded 0.6, Down 1.</para>
/// <para><b>Health index</b> = 100 × (1 − Σ weight × penalty ÷ Σ weight), over the services whose health is known
/// (Unknown services are counted, not guessed). So one Down tier-1 service among eight healthy tier-4 ones pulls
/// the index to 50, while one Down tier-4 service among eight healthy tier-1 ones leaves it at 98.5.</para>
/// <para><b>Status</b> (the colour of the tile), first rule that holds: Unknown when no service has a known health;
/// Down when a tier-1 service is Down; Degraded when a tier-1 or tier-2 service is Degraded or Down, or the index is
/// below <see cref="DegradedBelow"/>; At risk when any service is not Healthy; otherwise Healthy. A single
/// critical service in trouble therefore always shows, however many healthy services the domain has.</para>
/// </summary>
public static class DomainHealthRules
{
    public const double DegradedBelow = 80;

    /// <summary>The score's formula in one sentence, for a tile's tooltip or legend and the README.</summary>
    public const string ScoreFormula =
        "Score = 100 × (1 − Σ weight × penalty ÷ Σ weight) over the domain's live services with a known health, where a "
        + "service weighs 8, 4, 2 or 1 by tier 1–4 and its effective health costs 0 when Healthy, 0.25 At risk, 0.6 Degraded and 1 Down.";

    /// <summary>How the tile's colour follows, in one sentence.</summary>
    public const string StatusRule =
        "The tile is Down when a tier-1 service is Down, Degraded when a tier-1/2 service is Degraded or Down or the score is "
        + "below 80, At risk when any service needs attention, else Healthy (Unknown when no service has a known health).";

    /// <summary>One tile in one sentence: "62.5/100: 3 of 8 live services need attention (1 Degraded, 2 At risk), 1 own problem and 2 inherited."</summary>
    public static string Explain(DomainHealthFigure figure, int own, int inherited)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var s = figure.Services;
        if (figure.Index is not { } score)
        {
            return $"No score: none of the {s.Total} live services has an SLA result or recorded status for the month.";
        }

        var scoreText = score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        if (s.NeedingAttention == 0)
        {
            return $"{scoreText}/100: all {s.Total - s.Unknown} live services with a known health are Healthy"
                + (s.Unknown > 0 ? $" ({s.Unknown} unknown)." : ".");
        }

        var parts = new[] { (s.Down, "Down"), (s.Degraded, "Degraded"), (s.AtRisk, "At risk") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}");
        return $"{scoreText}/100: {s.NeedingAttention} of {s.Total} live services need attention ({string.Join(", ", parts)}), "
            + $"{own} own problem{(own == 1 ? "" : "s")} and {inherited} inherited.";
    }

    public static int Weight(int tier) => SupplierScorecards.ImpactWeight(tier);

    public static double Penalty(OperationalStatus status) => status switch
    {
        OperationalStatus.AtRisk => 0.25,
        OperationalStatus.Degraded => 0.6,
        OperationalStatus.Down => 1,
        _ => 0,
    };

    /// <summary>One figure per domain that has live services, keyed by domain id (null: no domain).</summary>
    public static IReadOnlyList<DomainHealthFigure> Compute(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var index = report.Index;
        var acc = new Dictionary<int, Accumulator>();
        for (var i = 0; i < index.NodeCount; i++)
        {
            var node = index.NodeAt(i);
            if (node.NodeType != NodeType.Service || node.Lifecycle != Lifecycle.Live)
            {
                continue;
            }

            var key = node.DomainId ?? 0;
            if (!acc.TryGetValue(key, out var a))
            {
                acc[key] = a = new Accumulator();
            }

            a.Add(node.Tier ?? Service.LowestTier, report.EffectiveAt(i));
        }

        return [.. acc.Select(kv => kv.Value.Figure(kv.Key == 0 ? null : kv.Key))];
    }

    /// <summary>The figure of one set of (tier, effective health) pairs; exposed for tests and whole-enterprise totals.</summary>
    public static DomainHealthFigure Figure(int? domainId, IEnumerable<(int Tier, OperationalStatus Health)> services)
    {
        var a = new Accumulator();
        foreach (var (tier, health) in services)
        {
            a.Add(tier, health);
        }

        return a.Figure(domainId);
    }

    private sealed class Accumulator
    {
        private double _weight;
        private double _penalty;
        private bool _tier1Down;
        private HealthCounts _all = HealthCounts.Zero;
        private HealthCounts _critical = HealthCounts.Zero;

        public void Add(int tier, OperationalStatus health)
        {
            _all = _all.Add(health);
            if (tier <= 2)
            {
                _critical = _critical.Add(health);
            }

            _tier1Down |= tier <= 1 && health == OperationalStatus.Down;
            if (health == OperationalStatus.Unknown)
            {
                return;
            }

            var w = Weight(tier);
            _weight += w;
            _penalty += w * Penalty(health);
        }

        public DomainHealthFigure Figure(int? domainId)
        {
            double? healthIndex = _weight == 0 ? null : Math.Round(100 * (1 - (_penalty / _weight)), 1);
            var status = healthIndex switch
            {
                null => OperationalStatus.Unknown,
                _ when _tier1Down => OperationalStatus.Down,
                _ when _critical.Degraded + _critical.Down > 0 || healthIndex < DegradedBelow => OperationalStatus.Degraded,
                _ when _all.NeedingAttention > 0 => OperationalStatus.AtRisk,
                _ => OperationalStatus.Healthy,
            };
            return new DomainHealthFigure(domainId, status, healthIndex, _all, _critical);
        }
    }
}
