using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Slas;

namespace ServicePortal.Core.Suppliers;

public sealed record SupplierChoice(int Id, string Key, string Name);

public sealed record ServiceChoice(int Id, string Key, string Name, Lifecycle Lifecycle)
{
    public string Label => $"{Name} ({Key})";
}

/// <summary>A contract to pick for an SLA target, with the services it covers.</summary>
public sealed record ContractChoice(int Id, string Reference, string Title, int SupplierId, string SupplierName, IReadOnlyList<int> ServiceIds)
{
    public string Label => $"{Reference} · {Title} ({SupplierName})";
}

/// <summary>A contract as the contracts list shows it.</summary>
public sealed record ContractRow(
    int Id,
    int Version,
    string Reference,
    string Title,
    int SupplierId,
    string SupplierKey,
    string SupplierName,
    DateOnly StartDate,
    DateOnly EndDate,
    int NoticePeriodDays,
    decimal AnnualValue,
    string Currency,
    ContractStatus Status,
    IReadOnlyList<ServiceChoice> Services,
    int SlaTargets)
{
    public string ServicesText => Services.Count == 0 ? "—" : string.Join(", ", Services.Select(s => s.Name));
}

/// <summary>An SLA target as lists, dialogs and the measurement grid show it.</summary>
public sealed record SlaTargetRow(
    int Id,
    int Version,
    string Key,
    string Name,
    int ContractId,
    string ContractReference,
    int SupplierId,
    string SupplierName,
    int ServiceId,
    string ServiceName,
    SlaMetric Metric,
    string Unit,
    double Target,
    TargetDirection Direction,
    MeasurementPeriod Period,
    double WarningBand,
    double ServiceCreditPercent,
    int Measurements)
{
    /// <summary>"≥ 99.9 %" or "≤ 30 min".</summary>
    public string Promise => $"{(Direction == TargetDirection.AtLeast ? "≥" : "≤")} {Target:0.###} {Unit}";
}

/// <summary>One row of the measurement grid: a target, the period it is entered for, and what is stored now.</summary>
public sealed record MeasurementGridRow(SlaTargetRow Target, DateOnly PeriodStart, int? MeasurementId, double? CurrentValue, string? Note, string? RecordedBy)
{
    public SlaResult CurrentResult => SlaEvaluator.Evaluate(Target.Direction, Target.Target, Target.WarningBand, CurrentValue);
}

/// <summary>A stored measurement of a target; its corrections are in the audit trail (entity type "SlaMeasurement").</summary>
public sealed record MeasurementLine(int Id, DateOnly PeriodStart, double Value, string? Note, string? RecordedBy, DateTime UpdatedAt, int Version);

/// <summary>Read-only lists for the contract, SLA target and measurement pages. Every call uses its own short-lived context.</summary>
public sealed class SupplierSlaQueries(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IReadOnlyList<SupplierChoice>> SuppliersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Suppliers.AsNoTracking().OrderBy(s => s.Name).Select(s => new SupplierChoice(s.Id, s.Key, s.Name)).ToListAsync(cancellationToken);
    }

    public async Task<SupplierChoice?> SupplierAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Suppliers.AsNoTracking().Where(s => s.Key == key).Select(s => new SupplierChoice(s.Id, s.Key, s.Name)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Services that are not retired, by name, for the "covered services" picker.</summary>
    public async Task<IReadOnlyList<ServiceChoice>> ServicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking().OrderBy(s => s.Name).Select(s => new ServiceChoice(s.Id, s.Key, s.Name, s.Lifecycle)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ContractChoice>> ContractChoicesAsync(int? supplierId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Contracts.AsNoTracking()
            .Where(c => supplierId == null || c.SupplierId == supplierId)
            .OrderBy(c => c.Reference)
            .Select(c => new ContractChoice(c.Id, c.Reference, c.Title, c.SupplierId, c.Supplier!.Name, c.Services.Select(s => s.Id).ToList()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Contracts, of one supplier or of all, ending soonest first.</summary>
    public async Task<IReadOnlyList<ContractRow>> ContractsAsync(int? supplierId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Contracts.AsNoTracking()
            .Where(c => supplierId == null || c.SupplierId == supplierId)
            .OrderBy(c => c.EndDate).ThenBy(c => c.Reference)
            .Select(c => new ContractRow(
                c.Id, c.Version, c.Reference, c.Title, c.SupplierId, c.Supplier!.Key, c.Supplier.Name, c.StartDate, c.EndDate,
                c.NoticePeriodDays, c.AnnualValue, c.Currency, c.Status,
                c.Services.OrderBy(s => s.Name).Select(s => new ServiceChoice(s.Id, s.Key, s.Name, s.Lifecycle)).ToList(),
                c.SlaTargets.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<ContractForm?> ContractFormAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Services).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contract is null ? null : ContractForm.From(contract);
    }

    /// <summary>SLA targets of a supplier or a contract (or all), by key.</summary>
    public async Task<IReadOnlyList<SlaTargetRow>> TargetsAsync(int? supplierId = null, int? contractId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await TargetRows(db.SlaTargets
                .Where(t => (supplierId == null || t.Contract!.SupplierId == supplierId) && (contractId == null || t.ContractId == contractId))
                .OrderBy(t => t.Key))
            .ToListAsync(cancellationToken);
    }

    public async Task<SlaTargetRow?> TargetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await TargetRows(db.SlaTargets.Where(t => t.Key == key)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every stored measurement of a target, newest period first.</summary>
    public async Task<IReadOnlyList<MeasurementLine>> MeasurementsAsync(int targetId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.SlaMeasurements.AsNoTracking()
            .Where(m => m.SlaTargetId == targetId)
            .OrderByDescending(m => m.PeriodStart)
            .Select(m => new MeasurementLine(m.Id, m.PeriodStart, m.Value, m.Note, m.RecordedBy, m.UpdatedAt, m.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task<SlaTargetForm?> TargetFormAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var target = await db.SlaTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return target is null ? null : SlaTargetForm.From(target);
    }

    /// <summary>
    /// The grid for entering one period's actuals of a supplier: every target of its contracts, with the period that
    /// contains <paramref name="month"/> (the month itself, or its quarter for quarterly targets) and the stored value.
    /// </summary>
    public async Task<IReadOnlyList<MeasurementGridRow>> MeasurementGridAsync(int supplierId, DateOnly month, CancellationToken cancellationToken = default)
    {
        var targets = await TargetsAsync(supplierId, cancellationToken: cancellationToken);
        if (targets.Count == 0)
        {
            return [];
        }

        var periods = targets.Select(t => SlaPeriods.StartOf(month, t.Period)).Distinct().ToList();
        var ids = targets.Select(t => t.Id).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SlaMeasurements.AsNoTracking()
            .Where(m => ids.Contains(m.SlaTargetId) && periods.Contains(m.PeriodStart))
            .ToListAsync(cancellationToken);
        return targets
            .Select(t =>
            {
                var period = SlaPeriods.StartOf(month, t.Period);
                var m = stored.FirstOrDefault(s => s.SlaTargetId == t.Id && s.PeriodStart == period);
                return new MeasurementGridRow(t, period, m?.Id, m?.Value, m?.Note, m?.RecordedBy);
            })
            .ToList();
    }

    private static IQueryable<SlaTargetRow> TargetRows(IQueryable<SlaTarget> targets) =>
        targets.AsNoTracking().Select(t => new SlaTargetRow(
            t.Id, t.Version, t.Key, t.Name, t.ContractId, t.Contract!.Reference, t.Contract.SupplierId, t.Contract.Supplier!.Name,
            t.ServiceId, t.Service!.Name, t.Metric, t.Unit, t.Target, t.Direction, t.Period, t.WarningBand, t.ServiceCreditPercent,
            t.Measurements.Count));
}
