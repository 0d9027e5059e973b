using ServicePortal.Core.Catalog;
using ServicePortal.Core.Governance;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;
using ServicePortal.Core.Tests.Slas;

namespace ServicePortal.Core.Tests.Governance;

public sealed class GovernanceSnapshotLoaderTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 7, 10);
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(clock: new FixedClock(Today));

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_ReadsEveryFactTheRulesNeed()
    {
        var seeded = await SeedAsync(ScoreVersionStatus.Published);

        var snapshot = await new GovernanceSnapshotLoader(_database, _database.Clock).LoadAsync(Ct);

        Assert.Equal(Today, snapshot.Today);
        Assert.Equal(seeded.CurrentVersionId, snapshot.ScoreVersion?.Id);
        Assert.Equal([seeded.CurrentPracticeId], snapshot.Practices.Select(p => p.Id));
        Assert.Equal(["checkout", "reporting"], snapshot.Services.Select(s => s.Key));
        Assert.Equal(new ServiceFacts(seeded.CheckoutId, "checkout", "Checkout", Lifecycle.Live, 1, Sourcing.External, seeded.DomainId), snapshot.Services[0]);
        Assert.Equal([seeded.CheckoutId, seeded.ReportingId], Assert.Single(snapshot.Contracts).ServiceIds.Order());
        Assert.Equal(seeded.CheckoutId, Assert.Single(snapshot.SlaTargets).ServiceId);
        Assert.Equal(SupplierCategory.Strategic, Assert.Single(snapshot.Suppliers).Category);
        Assert.Equal(Today.AddDays(-3), snapshot.People.Single(p => p.Name == "Bob").LeftOn);
        Assert.Equal(3, snapshot.Assignments.Count);
        Assert.Contains(snapshot.Roles, r => r.Key == GovernanceRoleKeys.PracticeOwner);
    }

    [Fact]
    public async Task Load_WithNothingPublished_ChecksTheDraft()
    {
        var seeded = await SeedAsync(ScoreVersionStatus.Draft);

        var snapshot = await new GovernanceSnapshotLoader(_database, _database.Clock).LoadAsync(Ct);

        Assert.Equal(ScoreVersionStatus.Draft, snapshot.ScoreVersion?.Status);
        Assert.Equal([seeded.CurrentPracticeId], snapshot.Practices.Select(p => p.Id));
    }

    [Fact]
    public async Task LoadedSnapshot_FindsTheGapsOfTheStoredData()
    {
        await SeedAsync(ScoreVersionStatus.Published);

        var gaps = GovernanceRuleEngine.Evaluate(await new GovernanceSnapshotLoader(_database, _database.Clock).LoadAsync(Ct));

        var byRule = gaps.ToLookup(g => g.RuleId, g => g.EntityKey);
        Assert.Equal(["incident-management"], byRule[GovernanceRules.PracticeAccountableOwner.Id]);
        Assert.Equal(["checkout", "reporting"], byRule[GovernanceRules.ServiceAccountableOwner.Id].Order());
        Assert.Equal(["C-PAY"], byRule[GovernanceRules.ContractEnding.Id]);
        Assert.Single(byRule[GovernanceRules.LeaverHoldsRole.Id]);
        Assert.Empty(byRule[GovernanceRules.ExternalServiceSla.Id]);
    }

    [Fact]
    public void CurrentScoreVersion_IsTheLatestPublishedThenTheLatestDraft()
    {
        var superseded = new ScoreVersionFacts(1, 1, "v1", ScoreVersionStatus.Superseded);
        var published = new ScoreVersionFacts(2, 2, "v2", ScoreVersionStatus.Published);
        var olderPublished = new ScoreVersionFacts(5, 0, "v0", ScoreVersionStatus.Published);
        var draft = new ScoreVersionFacts(3, 3, "v3", ScoreVersionStatus.Draft);
        var olderDraft = new ScoreVersionFacts(4, 1, "v1 draft", ScoreVersionStatus.Draft);

        var withPublished = GovernanceSnapshotLoader.CurrentScoreVersion([superseded, draft, olderPublished, published]);
        var draftsOnly = GovernanceSnapshotLoader.CurrentScoreVersion([olderDraft, draft]);
        var onlyHistory = GovernanceSnapshotLoader.CurrentScoreVersion([superseded]);

        Assert.Equal(published, withPublished);
        Assert.Equal(draft, draftsOnly);
        Assert.Null(onlyHistory);
    }

    private sealed record Seeded(int CurrentVersionId, int CurrentPracticeId, int DomainId, int CheckoutId, int ReportingId);

    /// <summary>
    /// Version 1 (superseded) and version 2 (<paramref name="currentStatus"/>) both have Incident management; its owner
    /// is assigned on version 1 only. Bob, who left three days ago, is Checkout's owner. The only contract ends in 30 days.
    /// </summary>
    private async Task<Seeded> SeedAsync(ScoreVersionStatus currentStatus)
    {
        await using var db = _database.CreateDbContext();
        var run = new ValueStreamStage { Key = "run", Name = "Run", Order = 4 };
        var v1 = new ScoreVersion { Number = 1, Title = "First", Status = ScoreVersionStatus.Superseded };
        var v2 = new ScoreVersion { Number = 2, Title = "Second", Status = currentStatus };
        var oldIncident = new Practice { ScoreVersion = v1, Key = "incident-management", Name = "Incident management", Stage = run };
        var incident = new Practice { ScoreVersion = v2, Key = "incident-management", Name = "Incident management", Stage = run };
        var domain = new Domain { Key = "payments", Name = "Payments" };
        var checkout = new Service { Key = "checkout", Name = "Checkout", Tier = 1, Sourcing = Sourcing.External, Domain = domain };
        var reporting = new Service { Key = "reporting", Name = "Reporting", Tier = 3, Domain = domain };
        var payCo = new Supplier { Key = "payco", Name = "PayCo", Category = SupplierCategory.Strategic };
        var contract = new Contract
        {
            Reference = "C-PAY", Title = "Payment gateway", Supplier = payCo, StartDate = new DateOnly(2024, 1, 1), EndDate = Today.AddDays(30),
            Services = [checkout, reporting],
        };
        var target = new SlaTarget { Key = "PAY-AVAIL", Name = "Availability", Unit = "%", Contract = contract, Service = checkout, Target = 99.9 };
        var owner = new GovernanceRole { Key = GovernanceRoleKeys.ServiceOwner, Name = "Service owner" };
        var practiceOwner = new GovernanceRole { Key = GovernanceRoleKeys.PracticeOwner, Name = "Practice owner" };
        var supplierManager = new GovernanceRole { Key = GovernanceRoleKeys.SupplierManager, Name = "Supplier manager" };
        var alice = new Person { Name = "Alice", Email = "alice@example.com" };
        var bob = new Person { Name = "Bob", Email = "bob@example.com", LeftOn = Today.AddDays(-3) };
        db.AddRange(oldIncident, incident, target);
        db.RoleAssignments.AddRange(
            new RoleAssignment { Person = bob, Role = owner, ScopeType = ScopeType.Service, Node = checkout, Raci = Raci.Accountable },
            new RoleAssignment { Person = alice, Role = practiceOwner, ScopeType = ScopeType.Practice, Practice = oldIncident, Raci = Raci.Accountable },
            new RoleAssignment { Person = alice, Role = supplierManager, ScopeType = ScopeType.Supplier, Node = payCo, Raci = Raci.Accountable });
        await db.SaveChangesAsync(Ct);
        return new Seeded(v2.Id, incident.Id, domain.Id, checkout.Id, reporting.Id);
    }
}
