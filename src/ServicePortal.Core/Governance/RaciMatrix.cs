using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.OperatingModel;

namespace ServicePortal.Core.Governance;

/// <summary>The two RACI matrices: practices × roles and services × roles.</summary>
public enum RaciView
{
    Practices,
    Services,
}

/// <summary>One holder in a matrix cell.</summary>
public sealed record RaciHolder(int AssignmentId, int PersonId, string PersonName, Raci Raci)
{
    public string Letter => RaciLetters.Of(Raci);
}

public sealed record RaciRow(int ScopeId, string Key, string Name, string? Group, IReadOnlyDictionary<int, IReadOnlyList<RaciHolder>> Cells)
{
    public IReadOnlyList<RaciHolder> Holders(int roleId) => Cells.TryGetValue(roleId, out var holders) ? holders : [];
}

/// <summary>
/// A RACI matrix: rows are practices (of one score version; <see cref="Group"/> is the stage) or live and pipeline
/// services (optionally of one domain; the group is the domain); columns are the governance roles.
/// </summary>
/// <param name="ScoreVersion">For the practices view, the version shown (the draft if there is one, else the current published).</param>
/// <param name="IsEditable">False for practices of a published version.</param>
public sealed record RaciMatrix(RaciView View, IReadOnlyList<RoleRow> Roles, IReadOnlyList<RaciRow> Rows, ScoreVersionRow? ScoreVersion, string? DomainKey, bool IsEditable)
{
    public ScopeType ScopeType => View == RaciView.Practices ? ScopeType.Practice : ScopeType.Service;

    /// <summary>The matrix as CSV: one row per practice or service, one column per role; a cell lists "Name (A)" per holder.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvExportWriter(writer))
        {
            csv.Row(new[] { View == RaciView.Practices ? "Practice key" : "Service key", View == RaciView.Practices ? "Practice" : "Service", View == RaciView.Practices ? "Stage" : "Domain" }
                .Concat(Roles.Select(r => r.Name)));
            foreach (var row in Rows)
            {
                csv.Row(new[] { row.Key, row.Name, row.Group ?? "" }
                    .Concat(Roles.Select(role => string.Join("; ", row.Holders(role.Id).Select(h => $"{h.PersonName} ({h.Letter})")))));
            }
        }

        return writer.ToString();
    }
}

public sealed class RaciMatrixService(IDbContextFactory<PortalDbContext> factory, GovernanceDirectory directory, ScoreQueries score)
{
    public async Task<RaciMatrix> BuildAsync(RaciView view, string? domainKey = null, CancellationToken cancellationToken = default)
    {
        var roles = await directory.RolesAsync(cancellationToken: cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (view == RaciView.Practices)
        {
            var version = ScoreQueries.DefaultVersion(await score.VersionsAsync(cancellationToken));
            var practices = version is null
                ? []
                : await db.Practices.AsNoTracking().Where(p => p.ScoreVersionId == version.Id)
                    .OrderBy(p => p.Stage!.Order).ThenBy(p => p.Order)
                    .Select(p => new { p.Id, p.Key, p.Name, Stage = p.Stage!.Name })
                    .ToListAsync(cancellationToken);
            var ids = practices.Select(p => p.Id).ToList();
            var cells = await HoldersAsync(db.RoleAssignments.Where(a => a.ScopeType == ScopeType.Practice && a.PracticeId != null && ids.Contains(a.PracticeId.Value)), a => a.PracticeId!.Value, cancellationToken);
            var rows = practices.Select(p => new RaciRow(p.Id, p.Key, p.Name, p.Stage, cells.GetValueOrDefault(p.Id) ?? Empty)).ToList();
            return new RaciMatrix(view, roles, rows, version, null, version?.IsEditable == true);
        }

        var services = db.Services.AsNoTracking().Where(s => s.Lifecycle != Lifecycle.Retired);
        if (!string.IsNullOrEmpty(domainKey))
        {
            services = services.Where(s => s.Domain!.Key == domainKey);
        }

        var serviceRows = await services.OrderBy(s => s.Domain!.Name).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Key, s.Name, Domain = s.Domain != null ? s.Domain.Name : null })
            .ToListAsync(cancellationToken);
        var serviceIds = serviceRows.Select(s => s.Id).ToList();
        var serviceCells = await HoldersAsync(db.RoleAssignments.Where(a => a.ScopeType == ScopeType.Service && a.NodeId != null && serviceIds.Contains(a.NodeId.Value)), a => a.NodeId!.Value, cancellationToken);
        return new RaciMatrix(view, roles,
            serviceRows.Select(s => new RaciRow(s.Id, s.Key, s.Name, s.Domain, serviceCells.GetValueOrDefault(s.Id) ?? Empty)).ToList(),
            null, string.IsNullOrEmpty(domainKey) ? null : domainKey, true);
    }

    private static readonly IReadOnlyDictionary<int, IReadOnlyList<RaciHolder>> Empty = new Dictionary<int, IReadOnlyList<RaciHolder>>();

    private static async Task<Dictionary<int, IReadOnlyDictionary<int, IReadOnlyList<RaciHolder>>>> HoldersAsync(
        IQueryable<RoleAssignment> assignments, Func<AssignmentScope, int> scopeOf, CancellationToken cancellationToken)
    {
        var rows = await assignments.AsNoTracking()
            .Select(a => new AssignmentScope(a.Id, a.RoleId, a.PersonId, a.Person!.Name, a.Raci, a.NodeId, a.PracticeId))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(scopeOf).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<int, IReadOnlyList<RaciHolder>>)g.GroupBy(a => a.RoleId).ToDictionary(
                r => r.Key,
                r => (IReadOnlyList<RaciHolder>)r.OrderBy(a => a.Raci).ThenBy(a => a.PersonName, StringComparer.OrdinalIgnoreCase)
                    .Select(a => new RaciHolder(a.Id, a.PersonId, a.PersonName, a.Raci)).ToList()));
    }

    private sealed record AssignmentScope(int Id, int RoleId, int PersonId, string PersonName, Raci Raci, int? NodeId, int? PracticeId);
}
