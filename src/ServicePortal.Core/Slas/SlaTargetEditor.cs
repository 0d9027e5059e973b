using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Slas;

/// <summary>
/// Creates, edits and deletes SLA targets. Rules, besides the form's own:
/// <list type="bullet">
/// <item>the key is unique across SLA targets (the clash is named);</item>
/// <item>the contract exists and <b>covers the service</b>: a promise about a service the contract does not cover
/// cannot be enforced, so the user adds the service to the contract first;</item>
/// <item>availability is a percentage: target and target ± warning band within 0–100, direction "at least";
/// response and resolution times are positive durations (minutes, hours), direction "at most";
/// a custom metric needs a unit;</item>
/// <item>the warning band is not negative, and for "at most" not larger than the target;</item>
/// <item>the period cannot change once measurements exist (their period starts would no longer fit).</item>
/// </list>
/// Concurrent edits are never overwritten (<see cref="Entity.Version"/>). Callers check authorization first.
/// </summary>
public sealed class SlaTargetEditor(IDbContextFactory<PortalDbContext> factory)
{
    /// <summary>The unit stored for a standard metric; null for a custom metric (the user gives it).</summary>
    public static string? UnitOf(SlaMetric metric) => metric switch
    {
        SlaMetric.Availability => "%",
        SlaMetric.ResponseTime => "min",
        SlaMetric.ResolutionTime => "h",
        _ => null,
    };

    /// <summary>The direction a standard metric always has; null for a custom metric.</summary>
    public static TargetDirection? DirectionOf(SlaMetric metric) => metric switch
    {
        SlaMetric.Availability => TargetDirection.AtLeast,
        SlaMetric.ResponseTime or SlaMetric.ResolutionTime => TargetDirection.AtMost,
        _ => null,
    };

    /// <summary>The rules that need no database, by field.</summary>
    public static ValidationErrors Validate(SlaTargetForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors().Annotations(form);
        var targetOk = false;
        if (!double.IsFinite(form.Target) || form.Target < 0 || form.Target > SlaEvaluator.MaxValue)
        {
            errors.Add(nameof(SlaTargetForm.Target), $"Target must be a number between 0 and {SlaEvaluator.MaxValue:G}.");
        }
        else if (form.Metric == SlaMetric.Availability && form.Target > 100)
        {
            errors.Add(nameof(SlaTargetForm.Target), "Availability is a percentage: the target is between 0 and 100.");
        }
        else if (form.Metric is SlaMetric.ResponseTime or SlaMetric.ResolutionTime && form.Target <= 0)
        {
            errors.Add(nameof(SlaTargetForm.Target), "A response or resolution time must be a positive duration.");
        }
        else
        {
            targetOk = true;
        }

        if (!double.IsFinite(form.WarningBand) || form.WarningBand < 0 || form.WarningBand > SlaEvaluator.MaxValue)
        {
            errors.Add(nameof(SlaTargetForm.WarningBand), "Warning band must be 0 or a positive number.");
        }
        else if (targetOk && form.Direction == TargetDirection.AtMost && form.WarningBand > form.Target)
        {
            errors.Add(nameof(SlaTargetForm.WarningBand), "Warning band must not be larger than the target.");
        }
        else if (targetOk && form.Metric == SlaMetric.Availability && form.Target + form.WarningBand > 100)
        {
            errors.Add(nameof(SlaTargetForm.WarningBand), "Target plus warning band must not exceed 100 %.");
        }

        if (!double.IsFinite(form.ServiceCreditPercent))
        {
            errors.Add(nameof(SlaTargetForm.ServiceCreditPercent), "Service credit must be a number between 0 and 100.");
        }

        if (DirectionOf(form.Metric) is { } direction && form.Direction != direction)
        {
            errors.Add(nameof(SlaTargetForm.Direction), direction == TargetDirection.AtLeast
                ? "Availability must be at least the target."
                : "Response and resolution times must be at most the target.");
        }

        if (form.Metric == SlaMetric.Custom && string.IsNullOrWhiteSpace(form.Unit))
        {
            errors.Add(nameof(SlaTargetForm.Unit), "A custom metric needs a unit (e.g. \"tickets\", \"ms\").");
        }

        return errors;
    }

    public async Task<SaveResult<SlaTargetForm>> SaveAsync(SlaTargetForm form, CancellationToken cancellationToken = default)
    {
        var errors = Validate(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        SlaTarget? target = null;
        if (form.Id is { } id)
        {
            target = await db.SlaTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (target is null)
            {
                return SaveResult<SlaTargetForm>.NotFound("This SLA target no longer exists; it may have been deleted.");
            }

            if (target.Version != form.Version)
            {
                return SaveResult<SlaTargetForm>.Stale(SlaTargetForm.From(target));
            }

            if (form.Period is { } period && period != target.Period && await db.SlaMeasurements.AnyAsync(m => m.SlaTargetId == id, cancellationToken))
            {
                errors.Add(nameof(SlaTargetForm.Period), "The period cannot change once measurements are recorded; create a new target instead.");
            }
        }

        var key = form.Key.Trim();
        if (key.Length > 0 && await db.SlaTargets.AsNoTracking()
                .Where(t => t.Key == key && t.Id != (form.Id ?? 0))
                .Select(t => new { t.Name, t.Contract!.Reference })
                .FirstOrDefaultAsync(cancellationToken) is { } clash)
        {
            errors.AddDuplicate(nameof(SlaTargetForm.Key), $"Key '{key}' is already used by SLA target '{clash.Name}' of contract {clash.Reference}.");
        }

        if (form.ContractId is { } contractId)
        {
            var contract = await db.Contracts.AsNoTracking()
                .Where(c => c.Id == contractId)
                .Select(c => new { c.Reference, Services = c.Services.Select(s => s.Id).ToList() })
                .SingleOrDefaultAsync(cancellationToken);
            if (contract is null)
            {
                errors.Add(nameof(SlaTargetForm.ContractId), "Contract does not exist; pick one from the list.");
            }
            else if (form.ServiceId is { } serviceId && !contract.Services.Contains(serviceId))
            {
                errors.Add(nameof(SlaTargetForm.ServiceId), await db.Services.AnyAsync(s => s.Id == serviceId, cancellationToken)
                    ? $"Contract {contract.Reference} does not cover this service; add the service to the contract first."
                    : "Service does not exist; pick one from the list.");
            }
        }

        if (errors.Any)
        {
            return SaveResult<SlaTargetForm>.Invalid(errors);
        }

        target ??= db.SlaTargets.Add(new SlaTarget { Key = key, Name = "", Unit = "" }).Entity;
        target.Key = key;
        target.Name = form.Name.Trim();
        target.ContractId = form.ContractId!.Value;
        target.ServiceId = form.ServiceId!.Value;
        target.Metric = form.Metric;
        target.Unit = UnitOf(form.Metric) ?? form.Unit!.Trim();
        target.Target = form.Target;
        target.Direction = form.Direction;
        target.Period = form.Period!.Value;
        target.WarningBand = form.WarningBand;
        target.ServiceCreditPercent = form.ServiceCreditPercent;
        if (form.Id is not null)
        {
            db.Entry(target).Property(t => t.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.SlaTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == target.Id, cancellationToken);
            return current is null
                ? SaveResult<SlaTargetForm>.NotFound("This SLA target was deleted by someone else.")
                : SaveResult<SlaTargetForm>.Stale(SlaTargetForm.From(current));
        }
        catch (DbUpdateException) when (form.Id is null)
        {
            return SaveResult<SlaTargetForm>.Duplicate(nameof(SlaTargetForm.Key), $"Key '{key}' was just taken by someone else.");
        }

        return SaveResult<SlaTargetForm>.Ok(SlaTargetForm.From(target));
    }

    /// <summary>Deletes a target that has no measurements; refused while measurements exist, so no history is lost.</summary>
    public async Task<DeleteResult> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var target = await db.SlaTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (target.Version != version)
        {
            return DeleteResult.Stale(target.Version);
        }

        var measurements = await db.SlaMeasurements.CountAsync(m => m.SlaTargetId == id, cancellationToken);
        if (measurements > 0)
        {
            return DeleteResult.Refused(
                $"SLA target {target.Key} has {measurements} recorded measurement(s) and cannot be deleted: their history would be lost.");
        }

        db.SlaTargets.Remove(target);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }
}
