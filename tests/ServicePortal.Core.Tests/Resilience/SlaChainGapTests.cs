using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.Tests.Resilience;

/// <summary>The governance gap of an SLA chain shortfall (<see cref="GovernanceRules.SlaChainUnderpinned"/>).</summary>
public class SlaChainGapTests
{
    private static readonly DateOnly Today = new(2026, 11, 15);

    [Fact]
    public void AShortfall_IsAGapOnTheServiceNamingTheWeakestLinks()
    {
        var snapshot = Snapshot(Lifecycle.Live, tier: 1);

        var gap = Assert.Single(GovernanceRuleEngine.Evaluate(snapshot), g => g.RuleId == GovernanceRules.SlaChainUnderpinned.Id);

        Assert.Equal(GapSeverity.High, gap.Severity);
        Assert.Equal(GapEntityType.Service, gap.EntityType);
        Assert.Equal("SVC-SHOP", gap.EntityKey);
        Assert.Equal(
            "Shop promises 99.9 % availability, but the SLA targets beneath it underpin at most 99.4005 %; weakest links: Parcel carrier API (SWL-AVAIL, 99.5 %).",
            gap.Message);
    }

    [Fact]
    public void ALowerTier_IsMedium_AndARetiredServiceIsNoGap()
    {
        Assert.Equal(GapSeverity.Medium, GovernanceRuleEngine.Evaluate(Snapshot(Lifecycle.Live, tier: 3)).Single(g => g.RuleId == "sla-chain-underpinned").Severity);
        Assert.DoesNotContain(GovernanceRuleEngine.Evaluate(Snapshot(Lifecycle.Retired, tier: 1)), g => g.RuleId == "sla-chain-underpinned");
    }

    private static GovernanceSnapshot Snapshot(Lifecycle lifecycle, int tier) => new()
    {
        Today = Today,
        Services = [new ServiceFacts(1, "SVC-SHOP", "Shop", lifecycle, tier, Sourcing.Internal, null)],
        SlaChainShortfalls = [new SlaChainShortfallFacts(1, 99.9, 99.4005, ["Parcel carrier API (SWL-AVAIL, 99.5 %)"])],
    };
}
