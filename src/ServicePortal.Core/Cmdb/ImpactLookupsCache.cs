using ServicePortal.Core.Auditing;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;
using ServicePortal.Core.Slas;
using ServicePortal.Core.Suppliers;

namespace ServicePortal.Core.Cmdb;

/// <summary>
/// The <see cref="ImpactLookups"/> (domains, contracts, SLA targets, accountable people) kept until the change feed
/// reports a change to one of them: an impact view then reads nothing instead of four tables (thousands of rows at
/// scale).
/// </summary>
public sealed class ImpactLookupsCache(ChangeFeed? feed = null) : ChangeFeedCache<ImpactLookups>(feed)
{
    private static readonly IReadOnlySet<string> Types = new HashSet<string>
    {
        nameof(Catalog.Domain), nameof(Contract), ContractLinks, nameof(SlaTarget), nameof(RoleAssignment), nameof(Person), nameof(GovernanceRole),
    };

    /// <summary>The audit type of a contract's covered services (rows of the many-to-many join table).</summary>
    public const string ContractLinks = "ContractServices";

    protected override IReadOnlySet<string> EntityTypes => Types;

    protected override Task<ImpactLookups> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        ImpactLookups.LoadAsync(db, cancellationToken);

    /// <summary>
    /// Reads again only the parts the changes touch: an SLA target's edit reads the SLA targets (thousands of rows),
    /// not the contracts' covered services and the accountable people (tens of thousands at scale), and keeps the people's
    /// name order; a change to people or role assignments reads only their assignments. Each part is read from its own tables, and a deletion takes no row of another part with it (the
    /// foreign keys between them restrict; a contract's covered services, which go with it, are its own part).
    /// </summary>
    protected override Task<ImpactLookups> RefreshAsync(
        PortalDbContext db, ImpactLookups previous, IReadOnlyList<FeedChange> changes, CancellationToken cancellationToken) =>
        previous.ReloadAsync(db, PartsTouchedBy(changes), ChangedAccountabilitiesOf(changes), cancellationToken);

    /// <summary>The people and assignments the changes touched; null when a governance role changed (its name is in every assignment of it).</summary>
    internal static ChangedAccountabilities? ChangedAccountabilitiesOf(IEnumerable<FeedChange> changes)
    {
        var (people, assignments) = (new HashSet<int>(), new HashSet<int>());
        foreach (var change in changes)
        {
            var known = int.TryParse(change.EntityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id);
            switch (change.EntityType)
            {
                case nameof(Person) when known:
                    people.Add(id);
                    break;
                case nameof(RoleAssignment) when known:
                    assignments.Add(id);
                    break;
                case nameof(Person) or nameof(RoleAssignment) or nameof(GovernanceRole):
                    return null;
            }
        }

        return new ChangedAccountabilities(people, assignments);
    }

    internal static ImpactLookupParts PartsTouchedBy(IEnumerable<FeedChange> changes)
    {
        var parts = ImpactLookupParts.None;
        foreach (var change in changes)
        {
            parts |= change.EntityType switch
            {
                nameof(Catalog.Domain) => ImpactLookupParts.Domains,
                nameof(Contract) or ContractLinks => ImpactLookupParts.Contracts,
                nameof(SlaTarget) => ImpactLookupParts.SlaTargets,
                nameof(RoleAssignment) or nameof(Person) or nameof(GovernanceRole) => ImpactLookupParts.Accountabilities,
                _ => ImpactLookupParts.All,
            };
        }

        return parts;
    }
}
