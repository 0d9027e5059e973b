using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;

namespace ServicePortal.Core.Suppliers;

/// <summary>
/// Creates, edits and deletes supplier contracts with per-field validation: the end date after the start date, a
/// notice period of at least 0 days, a 3-letter currency, a reference unique across contracts (the clash is named),
/// an existing supplier and existing covered services. A concurrent edit is never overwritten (see
/// <see cref="Entity.Version"/>). Callers check authorization first (EditSuppliersAndSlas).
/// </summary>
public sealed class ContractEditor(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<SaveResult<ContractForm>> SaveAsync(ContractForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors().Annotations(form);
        if (form.StartDate is { } start && form.EndDate is { } end && end <= start)
        {
            errors.Add(nameof(ContractForm.EndDate), "End date must be after the start date.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Contract? contract = null;
        if (form.Id is { } id)
        {
            contract = await db.Contracts.Include(c => c.Services).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (contract is null)
            {
                return SaveResult<ContractForm>.NotFound("This contract no longer exists; it may have been deleted.");
            }

            if (contract.Version != form.Version)
            {
                return SaveResult<ContractForm>.Stale(ContractForm.From(contract));
            }
        }

        var reference = form.Reference.Trim();
        if (reference.Length > 0)
        {
            var clash = await db.Contracts.AsNoTracking()
                .Where(c => c.Reference == reference && c.Id != (form.Id ?? 0))
                .Select(c => new { c.Title, Supplier = c.Supplier!.Name })
                .FirstOrDefaultAsync(cancellationToken);
            if (clash is not null)
            {
                errors.AddDuplicate(nameof(ContractForm.Reference), $"Reference '{reference}' is already used by contract '{clash.Title}' with {clash.Supplier}.");
            }
        }

        if (form.SupplierId is { } supplierId && !await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            errors.Add(nameof(ContractForm.SupplierId), "Supplier does not exist; pick one from the list.");
        }

        var serviceIds = form.ServiceIds.Distinct().ToList();
        var services = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToListAsync(cancellationToken);
        if (services.Count != serviceIds.Count)
        {
            var missing = serviceIds.Except(services.Select(s => s.Id)).Count();
            errors.Add(nameof(ContractForm.ServiceIds), $"{missing} of the covered services no longer exist; pick them again from the list.");
        }

        if (contract is not null && !errors.Any)
        {
            // SLA targets measure services under this contract: the contract must keep covering them.
            var measured = await db.SlaTargets.AsNoTracking()
                .Where(t => t.ContractId == contract.Id && !serviceIds.Contains(t.ServiceId))
                .Select(t => new { t.Key, Service = t.Service!.Name })
                .ToListAsync(cancellationToken);
            if (measured.Count > 0)
            {
                errors.Add(nameof(ContractForm.ServiceIds), "These services have SLA targets under this contract and must stay covered: "
                    + string.Join(", ", measured.Select(m => $"{m.Service} ({m.Key})")) + ".");
            }
        }

        if (errors.Any)
        {
            return SaveResult<ContractForm>.Invalid(errors);
        }

        contract ??= db.Contracts.Add(new Contract { Reference = reference, Title = "" }).Entity;
        contract.Reference = reference;
        contract.Title = form.Title.Trim();
        contract.SupplierId = form.SupplierId!.Value;
        contract.StartDate = form.StartDate!.Value;
        contract.EndDate = form.EndDate!.Value;
        contract.NoticePeriodDays = form.NoticePeriodDays;
        contract.AnnualValue = form.AnnualValue;
        contract.Currency = form.Currency.Trim().ToUpperInvariant();
        contract.Status = form.Status;
        contract.Services.RemoveAll(s => !serviceIds.Contains(s.Id));
        contract.Services.AddRange(services.Where(s => contract.Services.All(c => c.Id != s.Id)));
        if (form.Id is not null)
        {
            db.Entry(contract).Property(c => c.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleOrGoneAsync(contract.Id, cancellationToken);
        }
        catch (DbUpdateException) when (form.Id is null)
        {
            return SaveResult<ContractForm>.Duplicate(nameof(ContractForm.Reference), $"Reference '{reference}' was just taken by someone else.");
        }

        return SaveResult<ContractForm>.Ok(ContractForm.From(contract));
    }

    /// <summary>Deletes a contract without SLA targets; refused, with the targets named, while any measure under it.</summary>
    public async Task<DeleteResult> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (contract.Version != version)
        {
            return DeleteResult.Stale(contract.Version);
        }

        var targets = await db.SlaTargets.AsNoTracking().Where(t => t.ContractId == id).OrderBy(t => t.Key)
            .Select(t => "SLA target " + t.Key + " (" + t.Measurements.Count + " measurements)")
            .ToListAsync(cancellationToken);
        if (targets.Count > 0)
        {
            return DeleteResult.Refused(
                $"Contract {contract.Reference} cannot be deleted while SLA targets measure under it. Set its status to Terminated or Expired instead, or delete the targets first.",
                targets);
        }

        db.Contracts.Remove(contract);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    private async Task<SaveResult<ContractForm>> StaleOrGoneAsync(int id, CancellationToken cancellationToken)
    {
        await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
        var current = await fresh.Contracts.AsNoTracking().Include(c => c.Services).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return current is null
            ? SaveResult<ContractForm>.NotFound("This contract was deleted by someone else.")
            : SaveResult<ContractForm>.Stale(ContractForm.From(current));
    }
}
