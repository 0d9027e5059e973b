using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Resilience;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Resilience;

/// <summary>The resilience insight on the sample enterprise (Kestrel Retail).</summary>
public class SampleResilienceTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    [Theory]
    [InlineData("SVC-PAYMENT-GATEWAY-NB")]
    [InlineData("SVC-PAYMENT-GATEWAY-SP")]
    [InlineData("CI-INTERNET-AMS1")]
    [InlineData("CI-INTERNET-FRA2")]
    [InlineData("CI-VM-WMS-APP01")]
    [InlineData("CI-VM-WMS-APP02")]
    [InlineData("SUP-NORTHBRIDGE")]
    [InlineData("SUP-STELLARPAY")]
    public async Task RedundantMembers_AreNotSinglePointsOfFailureOnTheirOwn(string key)
    {
        var report = await Service().SinglePointsOfFailureAsync();

        Assert.DoesNotContain(report.Items, i => i.Key == key);
    }

    [Fact]
    public async Task BothCardGatewaysTogether_DoTakeATier1BusinessServiceDown()
    {
        var graph = new CmdbGraphService(new GraphIndexProvider(sample, Feeds.Eager(sample)), sample);

        var report = await graph.WhatIfAsync([await IdOf("SVC-PAYMENT-GATEWAY-NB"), await IdOf("SVC-PAYMENT-GATEWAY-SP")]);

        Assert.Contains(report.Summary.Services, s => s.Key == "SVC-ORDER-AND-PAY" && s.Level == ImpactLevel.Down);
    }

    [Fact]
    public async Task SinglePoints_AreFound_AndEachIsExplainedByAPathFromTheBusinessServiceToIt()
    {
        var report = await Service().SinglePointsOfFailureAsync();

        Assert.NotEmpty(report.Items);
        Assert.Contains(report.Items, i => i.Key == "SVC-CARRIER-PARCEL");
        Assert.Contains(report.Items, i => i.IsSupplier);
        foreach (var item in report.Items)
        {
            Assert.InRange(item.TopTier, 1, 2);
            Assert.StartsWith(item.BusinessServicesDown[0].Name, item.Path, StringComparison.Ordinal);
            Assert.EndsWith(item.Name.EndsWith('.') ? $" {item.Name}" : $" {item.Name}.", item.Path, StringComparison.Ordinal); // "… Logivance Software B.V."
        }
    }

    [Fact]
    public async Task EverySinglePoint_AgreesWithTheWhatIfOfTheSameFailure()
    {
        var report = await Service().SinglePointsOfFailureAsync();
        var graph = new CmdbGraphService(new GraphIndexProvider(sample, Feeds.Eager(sample)), sample);

        foreach (var item in report.Items)
        {
            var whatIf = await graph.WhatIfAsync([item.NodeId]);
            var down = whatIf.Summary.Services
                .Where(s => s.Kind == Core.Catalog.ServiceKind.Business && s.Tier <= 2 && s.Level == ImpactLevel.Down && s.NodeId != item.NodeId)
                .Select(s => s.NodeId).Order();
            Assert.Equal(down, item.BusinessServicesDown.Select(s => s.NodeId).Order());
        }
    }

    [Fact]
    public async Task TheSinglePoints_AreExactlyTheNodesWhoseFailureAloneTheEngineFindsTakingATargetDown()
    {
        var index = await new GraphIndexProvider(sample, Feeds.Eager(sample)).GetAsync();
        var targets = index.Nodes.Where(SinglePointsOfFailureAnalysis.IsTarget).Select(n => n.Id).ToHashSet();
        var bruteForce = new List<int>();
        new ImpactAnalyzer(index).ForEachSingleFailure(index.Nodes.Select(n => n.Id), failure =>
        {
            if (failure.Skip(1).Any(targets.Contains))
            {
                bruteForce.Add(failure.FailedNodeId);
            }
        });

        var report = SinglePointsOfFailureAnalysis.Find(index);

        Assert.Equal(bruteForce.Order(), report.Items.Select(i => i.NodeId).Order());
    }

    [Fact]
    public async Task TheRanking_IsWorkedOutOncePerGraphIndex()
    {
        var service = Service();

        var first = await service.SinglePointsOfFailureAsync();
        var second = await service.SinglePointsOfFailureAsync();

        Assert.Same(first, second);
        Assert.Equal(1, service.SinglePointsRuns);
    }

    [Fact]
    public async Task SlaChains_CoverEveryLiveBusinessService_AndTheirFiguresComeFromTheTargetsBeneath()
    {
        var chains = await Service().SlaChainsAsync();

        Assert.Equal(5, chains.Count);
        var orderAndPay = chains.Single(c => c.Key == "SVC-ORDER-AND-PAY");
        Assert.True(orderAndPay.TargetsUsed > 0);
        Assert.InRange(orderAndPay.DeliverablePercent, 90, 100);
        Assert.Contains(orderAndPay.WeakestLinks, l => l.TargetKey == "SWL-AVAIL" || l.MinimumUp is not null);
    }

    [Fact]
    public async Task Renewals_InTheNextYear_AreOrderedByImpactNotByDate()
    {
        var renewals = await Service(new FixedClock(new DateOnly(2026, 11, 15))).RenewalsAsync(12);

        Assert.NotEmpty(renewals);
        Assert.All(renewals, r => Assert.InRange(r.NoticeDate, new DateOnly(2026, 11, 15), new DateOnly(2027, 11, 15)));
        var tiers = renewals.Select(r => r.TopTier ?? int.MaxValue).ToList();
        Assert.Equal(tiers.Order(), tiers);
        var carrier = renewals.Single(r => r.Reference == "CT-2023-SWL-01");
        Assert.True(carrier.CoversSinglePointOfFailure);
        var gateway = renewals.Single(r => r.Reference == "CT-2024-NBP-01"); // notice due first, but a fail-over stands by
        Assert.Equal(1, gateway.TopTier);
        Assert.False(gateway.CoversSinglePointOfFailure);
        Assert.Equal(0, gateway.BusinessServicesDown);
        Assert.True(carrier.Rank < gateway.Rank);
    }

    [Fact]
    public async Task ThePromisesToTheBusiness_OrderAndPayIsShort_TheOthersAreUnderpinned()
    {
        var chains = (await Service().SlaChainsAsync()).ToDictionary(c => c.Key);

        // Commerce Engineering promises 99.95 % for Order and pay; its chain reaches the carriers (checkout offers
        // shipping options) and the SMS provider (customer accounts send notifications): their SLAs carry 97.69 % at most.
        var orderAndPay = chains["SVC-ORDER-AND-PAY"];
        Assert.Equal(("COM-OAP-AVAIL", 99.95), (orderAndPay.PromiseKey, orderAndPay.PromisedPercent));
        Assert.True(orderAndPay.HasShortfall);
        Assert.Equal(97.68937, orderAndPay.DeliverablePercent, 5);
        Assert.Equal(["BLK-AVAIL", "SWL-AVAIL", "TXB-AVAIL"], orderAndPay.WeakestLinks.Select(l => l.TargetKey));

        // The modest promises are carried by what lies beneath them.
        var delivery = chains["SVC-ORDER-DELIVERY"];
        Assert.Equal(97.5, delivery.PromisedPercent);
        Assert.False(delivery.HasShortfall);
        var care = chains["SVC-CUSTOMER-CARE"];
        Assert.Equal(98.5, care.PromisedPercent);
        Assert.False(care.HasShortfall);

        Assert.Null(chains["SVC-ONLINE-SHOPPING"].PromisedPercent);
        Assert.Null(chains["SVC-MANAGEMENT-REPORTING"].PromisedPercent);
        Assert.Equal("SVC-ORDER-AND-PAY", (await Service().SlaChainsAsync())[0].Key); // shortfalls first
    }

    [Fact]
    public async Task TheGovernanceGap_NamesOrderAndPay_AndItsWeakestLinks()
    {
        var shortfall = Assert.Single(await Service().ShortfallsAsync());
        var snapshot = await new Core.Governance.GovernanceSnapshotLoader(sample, TimeProvider.System, Service()).LoadAsync();

        var gap = Assert.Single(Core.Governance.GovernanceRuleEngine.Evaluate(snapshot), g => g.RuleId == Core.Governance.GovernanceRules.SlaChainUnderpinned.Id);

        Assert.Equal(shortfall.ServiceId, gap.EntityId);
        Assert.Equal("SVC-ORDER-AND-PAY", gap.EntityKey);
        Assert.Equal(Core.Governance.GapSeverity.High, gap.Severity);
        Assert.Equal(
            "Order and pay promises 99.95 % availability, but the SLA targets beneath it underpin at most 97.68937 %; weakest links: "
            + "Bulky goods carrier (Bulkway) (BLK-AVAIL, 99 %); Parcel carrier API (Swiftline) (SWL-AVAIL, 99.5 %); SMS delivery (TXB-AVAIL, 99.5 %).",
            gap.Message);
    }

    private ResilienceService Service(TimeProvider? clock = null) =>
        new(new GraphIndexProvider(sample, Feeds.Eager(sample)), sample, clock ?? TimeProvider.System);

    private async Task<int> IdOf(string key)
    {
        await using var db = sample.CreateContext();
        return await db.Nodes.Where(n => n.Key == key).Select(n => n.Id).SingleAsync();
    }
}
