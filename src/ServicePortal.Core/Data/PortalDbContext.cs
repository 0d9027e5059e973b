using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Identity;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Data;

/// <summary>The portal's single database: catalog, CMDB, suppliers and SLAs, the common score, governance and sign-in.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Domain> Domains => Set<Domain>();

    public DbSet<Node> Nodes => Set<Node>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<ConfigurationItem> ConfigurationItems => Set<ConfigurationItem>();

    public DbSet<Supplier> Suppliers => Set<Supplier>();

    public DbSet<Relationship> Relationships => Set<Relationship>();

    public DbSet<RedundancyGroup> RedundancyGroups => Set<RedundancyGroup>();

    public DbSet<Scenario> Scenarios => Set<Scenario>();

    public DbSet<ScenarioNode> ScenarioNodes => Set<ScenarioNode>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<SlaTarget> SlaTargets => Set<SlaTarget>();

    public DbSet<SlaMeasurement> SlaMeasurements => Set<SlaMeasurement>();

    public DbSet<ValueStreamStage> Stages => Set<ValueStreamStage>();

    public DbSet<ScoreVersion> ScoreVersions => Set<ScoreVersion>();

    public DbSet<Practice> Practices => Set<Practice>();

    public DbSet<PracticeKpi> PracticeKpis => Set<PracticeKpi>();

    public DbSet<KpiMeasurement> KpiMeasurements => Set<KpiMeasurement>();

    public DbSet<GovernanceRole> GovernanceRoles => Set<GovernanceRole>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set by bulk loads (seed, generator) that record one summary instead of an audit row per entity.</summary>
    public bool SuppressAudit { get; set; }

    /// <summary>Audit rows waiting for the ids of the rows being saved; owned by <see cref="AuditingInterceptor"/>.</summary>
    internal AuditingInterceptor.PendingAudit? PendingAudit { get; set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe when members are added or reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        CaseInsensitiveNames.Configure(builder, Database);
    }
}
