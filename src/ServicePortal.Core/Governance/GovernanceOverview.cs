namespace ServicePortal.Core.Governance;

/// <summary>The gaps of the score and the coverage they leave, for the governance page.</summary>
public sealed record GovernanceReport(IReadOnlyList<GovernanceGap> Gaps, ScoreCoverage Coverage, ScoreVersionFacts? ScoreVersion)
{
    /// <summary>Gaps grouped by rule (in rule order), each group with its most severe gap first.</summary>
    public IReadOnlyList<IGrouping<GovernanceRule, GovernanceGap>> ByRule =>
        GovernanceRules.All
            .SelectMany(rule => Gaps.Where(g => g.RuleId == rule.Id).Select(g => (rule, g)))
            .GroupBy(x => x.rule, x => x.g)
            .OrderBy(g => g.Min(x => x.Severity))
            .ThenBy(g => GovernanceRules.All.ToList().IndexOf(g.Key))
            .ToList();

    public int Count(GapSeverity severity) => Gaps.Count(g => g.Severity == severity);
}

/// <summary>Runs the rule engine on a fresh snapshot and computes the coverage.</summary>
public sealed class GovernanceOverview(GovernanceSnapshotLoader loader)
{
    public async Task<GovernanceReport> GetAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await loader.LoadAsync(cancellationToken);
        var gaps = GovernanceRuleEngine.Evaluate(snapshot);
        return new GovernanceReport(gaps, ScoreCoverage.Compute(snapshot, gaps), snapshot.ScoreVersion);
    }
}
