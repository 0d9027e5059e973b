using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.DataGenerator;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

public sealed class ScaleGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Generate_WithTheSameSeed_GivesExactlyTheSameData()
    {
        var first = ScaleGenerator.Generate(5_000, seed: 7);

        var second = ScaleGenerator.Generate(5_000, seed: 7);

        Assert.Equal(first.Domains, second.Domains);
        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.RedundancyGroups, second.RedundancyGroups);
        Assert.Equal(first.Relationships, second.Relationships);
        Assert.Equal(first.Contracts, second.Contracts);
        Assert.Equal(first.ContractServices, second.ContractServices);
        Assert.Equal(first.SlaTargets, second.SlaTargets);
        Assert.Equal(first.Measurements, second.Measurements);
    }

    [Fact]
    public void Generate_WithAnotherSeed_GivesOtherData()
    {
        var first = ScaleGenerator.Generate(2_000, seed: 1);

        var second = ScaleGenerator.Generate(2_000, seed: 2);

        Assert.NotEqual(first.Nodes.Select(n => n.Name), second.Nodes.Select(n => n.Name));
        Assert.NotEqual(first.Relationships, second.Relationships);
    }

    [Fact]
    public void Generate_HasNoSelfLinksNoDuplicatesAndNoPartOfCycles()
    {
        var data = ScaleGenerator.Generate(20_000);

        Assert.DoesNotContain(data.Relationships, r => r.SourceId == r.TargetId);
        Assert.Equal(data.Relationships.Count, data.Relationships.Select(r => (r.SourceId, r.TargetId, r.Type)).Distinct().Count());
        Assert.All(data.Relationships, r => Assert.InRange(r.SourceId, 1, data.Nodes.Count));
        Assert.All(data.Relationships, r => Assert.InRange(r.TargetId, 1, data.Nodes.Count));
        var partOf = data.Relationships.Where(r => r.Type == RelationshipType.PartOf).Select(r => (r.SourceId, r.TargetId)).ToList();
        Assert.NotEmpty(partOf);
        Assert.Empty(KeyGraph.Find(partOf));
        var dependsOn = data.Relationships.Where(r => r.Type == RelationshipType.DependsOn).Select(r => (r.SourceId, r.TargetId)).ToList();
        Assert.Empty(KeyGraph.Find(dependsOn));
    }

    [Fact]
    public void Generate_KeepsTheShapesOfTheSampleEnterprise()
    {
        const int nodeCount = 10_000;

        var data = ScaleGenerator.Generate(nodeCount);

        Assert.Equal(Enumerable.Range(1, nodeCount), data.Nodes.Select(n => n.Id));
        Assert.Equal(nodeCount, data.Nodes.Select(n => n.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(data.Relationships.Count / (double)nodeCount, 3.0, 5.5);
        Assert.Equal(Enum.GetValues<RelationshipType>().Order(), data.Relationships.Select(r => r.Type).Distinct().Order());
        Assert.Equal(Enum.GetValues<NodeType>().Order(), data.Nodes.Select(n => n.NodeType).Distinct().Order());
        Assert.InRange(data.Domains.Count, 5, 100);
        var suppliers = data.Nodes.Where(n => n.NodeType == NodeType.Supplier).ToList();
        Assert.Contains(suppliers, s => s.IsInternal == true);
        Assert.Contains(suppliers, s => s.IsInternal == false);
        Assert.Equal(suppliers.Count, suppliers.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(data.Nodes.Where(n => n.NodeType == NodeType.Service), s => Assert.InRange(s.Tier!.Value, Service.HighestTier, Service.LowestTier));
        var members = data.Relationships.Where(r => r.RedundancyGroupId is not null).GroupBy(r => (r.SourceId, r.RedundancyGroupId));
        Assert.All(members, m => Assert.Equal(2, m.Count()));
        Assert.NotEmpty(data.RedundancyGroups);
    }

    [Fact]
    public void Generate_ShapesDomainsWithTheirOwnPlatforms_OwnersAndOnePathologicalHub()
    {
        var data = ScaleGenerator.Generate(10_000);

        var shape = GraphShape.Of(data, sample: 300);

        // A typical node's failure stays within a small part of its domain; the hub's reaches most of the enterprise.
        Assert.True(shape.ReachP50 <= data.Nodes.Count / 100, shape.ToString());
        Assert.True(shape.HubReach >= data.Nodes.Count / 2, shape.ToString());
        // Most live services are healthy, judged as the dashboard judges them (SLA results and recorded status passed on
        // through the graph): a few percent need attention, not a third as with chains of platforms dozens deep; some do.
        Assert.InRange(shape.AttentionShare, 0.005, 0.10);
        Assert.InRange(shape.NeedingAttentionOwn, 1, shape.LiveServicesNeedingAttention - 1);
        // The worst-case hub is kept for its reach, not failing.
        Assert.Equal(OperationalStatus.Healthy, shape.HubHealth);
        // Suppliers serve a few domains, not all of them.
        var domainsBySupplier = data.Relationships.Where(r => r.Type == RelationshipType.ProvidedBy)
            .GroupBy(r => r.TargetId, r => data.Node(r.SourceId).DomainId)
            .Select(g => g.Distinct().Count());
        Assert.All(domainsBySupplier, count => Assert.InRange(count, 1, 3));
        // Nearly every service not retired has exactly one accountable owner.
        var owned = data.Assignments.Where(a => a.RoleId == data.Roles.Single(r => r.Key == "service-owner").Id && a.Raci == ServicePortal.Core.Governance.Raci.Accountable)
            .GroupBy(a => a.NodeId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var services = data.Nodes.Where(n => n.NodeType == NodeType.Service && n.Lifecycle != Lifecycle.Retired).ToList();
        Assert.All(owned.Values, count => Assert.Equal(1, count));
        Assert.InRange(owned.Count, services.Count * 9 / 10, services.Count);
    }

    [Fact]
    public void Generate_GivesEveryServiceTheSourcingOfItsProviders()
    {
        var data = ScaleGenerator.Generate(5_000);

        var providers = data.Relationships.Where(r => r.Type == RelationshipType.ProvidedBy).ToLookup(r => r.SourceId, r => data.Node(r.TargetId).IsInternal!.Value);

        Assert.All(data.Nodes.Where(n => n.NodeType != NodeType.Supplier), n => Assert.NotEmpty(providers[n.Id]));
        Assert.All(data.Nodes.Where(n => n.NodeType == NodeType.Service), service =>
        {
            var kinds = providers[service.Id].Distinct().Order().ToList();
            List<bool> expected = service.Sourcing switch
            {
                Sourcing.Internal => [true],
                Sourcing.External => [false],
                _ => [false, true],
            };
            Assert.Equal(expected, kinds);
        });
    }

    [Fact]
    public void Generate_GivesContractsSlaTargetsAndTwelveMonthsOfMeasurements()
    {
        var data = ScaleGenerator.Generate(10_000);

        var covered = data.ContractServices.ToHashSet();
        var active = data.Contracts.Where(c => c.Status == ContractStatus.Active).Select(c => c.Id).ToHashSet();
        var perTarget = data.Measurements.GroupBy(m => m.SlaTargetId).ToDictionary(g => g.Key, g => g.Count());

        Assert.NotEmpty(data.Contracts);
        Assert.All(data.Contracts, c => Assert.False(data.Node(c.SupplierId).IsInternal));
        Assert.All(data.SlaTargets, t => Assert.Contains(new GeneratedContractService(t.ContractId, t.ServiceId), covered));
        Assert.All(data.SlaTargets.Where(t => active.Contains(t.ContractId)), t => Assert.Equal(12, perTarget[t.Id]));
        var results = data.Measurements.Select(m => Result(data.SlaTargets[m.SlaTargetId - 1], m.Value)).ToList();
        Assert.Contains("Met", results);
        Assert.Contains("AtRisk", results);
        Assert.Contains("Breached", results);
    }

    [Fact]
    public async Task TheGeneratedScore_IsMeasured_AndItsValueStreamHealthShowsBuildSlipping()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreatePlainContext())
        {
            await ScaleGenerator.LoadAsync(db, ScaleGenerator.Generate(20_000), Ct);
        }

        var health = await new ServicePortal.Core.OperatingModel.ValueStreamHealthService(database, TimeProvider.System).GetAsync(cancellationToken: Ct);

        Assert.Equal(["DEMAND", "PLAN", "BUILD", "RUN"], health.Stages.Select(s => s.Key));
        Assert.Equal(20, health.Practices.Count());
        Assert.All(health.Practices.SelectMany(p => p.Kpis), k => Assert.Equal(ServicePortal.Core.OperatingModel.ValueStreamHealth.TrendPeriods, k.History.Count(h => h.Value is not null)));
        var build = health.Stages.Single(s => s.Key == "BUILD");
        Assert.Equal(ServicePortal.Core.Targets.TargetOutcome.Missed, build.Status);
        Assert.Contains(build.WorstKpis, k => k.Kpi.Metric == ServicePortal.Core.OperatingModel.KpiMetric.ErrorRate && k.MissedRunning >= 3);
    }

    [Fact]
    public async Task LoadAsync_StoresEveryGeneratedRowWithItsId()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var data = ScaleGenerator.Generate(2_000);

        var result = await ScaleGenerator.LoadAsync(db, data, Ct);

        var stored = await database.CountRowsAsync(Ct);
        Assert.Equal(data.Domains.Count, stored["Domains"]);
        Assert.Equal(2_000, stored["Nodes"]);
        Assert.Equal(data.RedundancyGroups.Count, stored["RedundancyGroups"]);
        Assert.Equal(data.Relationships.Count, stored["Relationships"]);
        Assert.Equal(data.Contracts.Count, stored["Contracts"]);
        Assert.Equal(data.ContractServices.Count, stored["ContractServices"]);
        Assert.Equal(data.SlaTargets.Count, stored["SlaTargets"]);
        Assert.Equal(data.Measurements.Count, stored["SlaMeasurements"]);
        Assert.Equal(data.Score.Kpis.Count, stored["PracticeKpis"]);
        Assert.Equal(data.Score.Measurements.Count, stored["KpiMeasurements"]);
        Assert.Equal(1, stored["AuditEntries"]);
        Assert.Equal((2_000, data.Relationships.Count), (result.Nodes, result.Relationships));
    }

    [Fact]
    public async Task LoadAsync_StoresRowsThatEntityFrameworkReadsBackUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = ScaleGenerator.Generate(2_000);
        await using (var load = database.CreatePlainContext())
        {
            await ScaleGenerator.LoadAsync(load, data, Ct);
        }

        await using var db = database.CreatePlainContext();
        var services = await db.Services.AsNoTracking().ToListAsync(Ct);
        var items = await db.ConfigurationItems.AsNoTracking().ToListAsync(Ct);
        var suppliers = await db.Suppliers.AsNoTracking().ToListAsync(Ct);
        var relationships = await db.Relationships.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Services).Include(c => c.SlaTargets).ThenInclude(t => t.Measurements).FirstAsync(c => c.Id == 1, Ct);

        Assert.Equal(data.Count(NodeType.Service), services.Count);
        Assert.Equal(data.Count(NodeType.ConfigurationItem), items.Count);
        Assert.Equal(data.Count(NodeType.Supplier), suppliers.Count);
        Assert.All(services, s => Assert.Equal(
            (data.Node(s.Id).Key, data.Node(s.Id).Kind, data.Node(s.Id).Tier, data.Node(s.Id).Sourcing, data.Node(s.Id).Lifecycle),
            (s.Key, (ServiceKind?)s.Kind, (int?)s.Tier, (Sourcing?)s.Sourcing, s.Lifecycle)));
        Assert.All(items, c => Assert.Equal((data.Node(c.Id).Key, data.Node(c.Id).CiType), (c.Key, (CiType?)c.CiType)));
        Assert.Equal(data.Relationships, relationships.Select(r => new GeneratedRelationship(r.SourceId, r.TargetId, r.Type, r.RedundancyGroupId)));
        var expected = data.Contracts[0];
        Assert.Equal((expected.Reference, expected.SupplierId, expected.StartDate, expected.EndDate, expected.AnnualValue, expected.Status), (contract.Reference, contract.SupplierId, contract.StartDate, contract.EndDate, contract.AnnualValue, contract.Status));
        Assert.Equal(data.ContractServices.Where(cs => cs.ContractId == 1).Select(cs => cs.ServiceId).Order(), contract.Services.Select(s => s.Id).Order());
        Assert.Equal(
            data.Measurements.Where(m => data.SlaTargets[m.SlaTargetId - 1].ContractId == 1).Select(m => (m.SlaTargetId, m.PeriodStart, m.Value)).Order(),
            contract.SlaTargets.SelectMany(t => t.Measurements).Select(m => (m.SlaTargetId, m.PeriodStart, m.Value)).Order());
    }

    [Fact]
    public async Task LoadAsync_RefusesADatabaseThatAlreadyHasACatalog()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var arrange = database.CreatePlainContext())
        {
            arrange.Add(Builders.Domain());
            await arrange.SaveChangesAsync(Ct);
        }

        await using var db = database.CreatePlainContext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ScaleGenerator.LoadAsync(db, 100, Ct));

        Assert.Equal(0, await db.Nodes.CountAsync(Ct));
    }

    /// <summary>
    /// The 100k-node timing (goal: 15 s on a 2-core machine). Not run by default, and it asserts no time: set
    /// SERVICEPORTAL_SCALE_TEST=1 and read the timings in the test output.
    /// </summary>
    [Fact]
    public async Task LoadAsync_WritesAHundredThousandNodes()
    {
        if (Environment.GetEnvironmentVariable("SERVICEPORTAL_SCALE_TEST") != "1")
        {
            Assert.Skip("Set SERVICEPORTAL_SCALE_TEST=1 to time the 100k-node load.");
        }

        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var clock = Stopwatch.StartNew();

        var result = await ScaleGenerator.LoadAsync(db, 100_000, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{result.Nodes} nodes, {result.Relationships} relationships, {result.SlaMeasurements} measurements: " +
            $"generated in {result.GenerateTime.TotalSeconds:F2} s, written in {result.WriteTime.TotalSeconds:F2} s, {clock.Elapsed.TotalSeconds:F2} s in all");
        Assert.Equal(100_000, result.Nodes);
    }

    private static string Result(GeneratedSlaTarget target, double value) => target.Direction == TargetDirection.AtLeast
        ? value < target.Target ? "Breached" : value < target.Target + target.WarningBand ? "AtRisk" : "Met"
        : value > target.Target ? "Breached" : value > target.Target - target.WarningBand ? "AtRisk" : "Met";
}
