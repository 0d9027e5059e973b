using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Data;
using ServicePortal.Core.Governance;

namespace ServicePortal.Core.OperatingModel;

/// <summary>
/// Changes the common score with its versioning rules: exactly one draft at a time; only the draft's practices are
/// edited (published and superseded versions are read-only and every change to them is refused here, whatever the
/// caller); publishing turns the draft into the published version, records who and when with a change note, and
/// supersedes the previous published version; a new draft copies the latest published version with its practices,
/// KPIs and the role assignments over those practices. Callers check authorization first (EditScore, PublishScore).
/// </summary>
public sealed class ScoreEditor(IDbContextFactory<PortalDbContext> factory, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>Starts a draft from the latest published version (or an empty one when nothing is published yet).</summary>
    public async Task<SaveResult<ScoreVersionRow>> NewDraftAsync(string? title = null, CancellationToken cancellationToken = default)
    {
        if (TextRules.Problem(title, isName: true) is { } problem)
        {
            return SaveResult<ScoreVersionRow>.Invalid("Title", $"Title {problem}.");
        }

        if (title?.Trim().Length > FieldLengths.Name)
        {
            return SaveResult<ScoreVersionRow>.Invalid("Title", $"Title is at most {FieldLengths.Name} characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.ScoreVersions.AsNoTracking().Where(v => v.Status == ScoreVersionStatus.Draft).Select(v => (int?)v.Number).FirstOrDefaultAsync(cancellationToken) is { } draft)
        {
            return SaveResult<ScoreVersionRow>.Invalid("", $"Version {draft} is already a draft; edit or publish it first. There is only one draft at a time.");
        }

        var source = await db.ScoreVersions.AsNoTracking()
            .Where(v => v.Status == ScoreVersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var number = (await db.ScoreVersions.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var version = new ScoreVersion
        {
            Number = number,
            Title = string.IsNullOrWhiteSpace(title) ? source?.Title ?? "Common score" : title.Trim(),
            Status = ScoreVersionStatus.Draft,
            CreatedBy = actor.Name,
            BasedOnId = source?.Id,
        };
        db.ScoreVersions.Add(version);

        if (source is not null)
        {
            var practices = await db.Practices.AsNoTracking().Include(p => p.Kpis).Where(p => p.ScoreVersionId == source.Id).ToListAsync(cancellationToken);
            var copies = practices.ToDictionary(p => p.Id, p => new Practice
            {
                ScoreVersion = version,
                Key = p.Key,
                Name = p.Name,
                StageId = p.StageId,
                Order = p.Order,
                Purpose = p.Purpose,
                Policies = p.Policies,
                Kpis = p.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Id).Select(k => new PracticeKpi
                {
                    Key = k.Key, Name = k.Name, Metric = k.Metric, Unit = k.Unit, Target = k.Target, Direction = k.Direction,
                    WarningBand = k.WarningBand, Period = k.Period, Order = k.Order,
                }).ToList(),
            });
            version.Practices.AddRange(copies.Values);

            // The gap rules count the assignments over the current version's practice rows, so owners travel with the copy.
            var ids = copies.Keys.ToList();
            var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.PracticeId != null && ids.Contains(a.PracticeId.Value)).ToListAsync(cancellationToken);
            db.RoleAssignments.AddRange(assignments.Select(a => new RoleAssignment
            {
                PersonId = a.PersonId,
                RoleId = a.RoleId,
                ScopeType = ScopeType.Practice,
                Practice = copies[a.PracticeId!.Value],
                Raci = a.Raci,
            }));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return SaveResult<ScoreVersionRow>.Invalid("", "Someone else started a new version at the same moment; reload to see it.");
        }

        return SaveResult<ScoreVersionRow>.Ok(await RowAsync(version.Id, cancellationToken));
    }

    /// <summary>Publishes the draft: read-only from now on, with who, when and the change note; the previous published version becomes Superseded.</summary>
    public async Task<SaveResult<ScoreVersionRow>> PublishAsync(PublishForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var draft = await db.ScoreVersions.SingleOrDefaultAsync(v => v.Id == form.VersionId, cancellationToken);
        if (draft is null)
        {
            return SaveResult<ScoreVersionRow>.NotFound("This version no longer exists; it may have been discarded.");
        }

        if (draft.Status != ScoreVersionStatus.Draft)
        {
            return SaveResult<ScoreVersionRow>.Invalid("", $"Version {draft.Number} is already {draft.Status.ToString().ToLowerInvariant()}; only the draft can be published.");
        }

        if (!await db.Practices.AnyAsync(p => p.ScoreVersionId == draft.Id, cancellationToken))
        {
            errors.Add("", "The draft has no practices; add at least one before publishing.");
        }

        if (errors.Any)
        {
            return SaveResult<ScoreVersionRow>.Invalid(errors);
        }

        foreach (var published in await db.ScoreVersions.Where(v => v.Status == ScoreVersionStatus.Published).ToListAsync(cancellationToken))
        {
            published.Status = ScoreVersionStatus.Superseded;
        }

        draft.Status = ScoreVersionStatus.Published;
        draft.ChangeNote = form.ChangeNote.Trim();
        draft.PublishedAt = clock.GetUtcNow().UtcDateTime;
        draft.PublishedBy = actor.Name;
        if (form.Version != 0)
        {
            db.Entry(draft).Property(v => v.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult<ScoreVersionRow>.Invalid("", "Someone else changed this version since you opened it; reload and publish again.");
        }

        return SaveResult<ScoreVersionRow>.Ok(await RowAsync(draft.Id, cancellationToken));
    }

    /// <summary>
    /// Deletes the draft with its practices and their assignments, at the row version the caller read (<paramref name="rowVersion"/>);
    /// published versions are never deleted.
    /// </summary>
    public async Task<DeleteResult> DiscardDraftAsync(int versionId, int rowVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var version = await db.ScoreVersions.SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (version.Version != rowVersion)
        {
            return DeleteResult.Stale(version.Version);
        }

        if (version.Status != ScoreVersionStatus.Draft)
        {
            return DeleteResult.Refused($"Version {version.Number} is {version.Status.ToString().ToLowerInvariant()} and read-only; only a draft can be discarded.");
        }

        var practices = await db.Practices.Where(p => p.ScoreVersionId == versionId).ToListAsync(cancellationToken);
        var ids = practices.Select(p => p.Id).ToList();
        db.RoleAssignments.RemoveRange(await db.RoleAssignments.Where(a => a.PracticeId != null && ids.Contains(a.PracticeId.Value)).ToListAsync(cancellationToken));
        db.Practices.RemoveRange(practices);
        db.ScoreVersions.Remove(version);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    /// <summary>Adds or edits a practice of the draft.</summary>
    public async Task<SaveResult<PracticeForm>> SavePracticeAsync(PracticeForm form, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Annotations(form);
        var targets = form.Kpis.Select((k, i) => KpiRules.Validate(k, i + 1, errors, nameof(PracticeForm.Kpis))).ToList();

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Practice? practice = null;
        if (form.Id is { } id)
        {
            practice = await db.Practices.Include(p => p.Kpis).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (practice is null)
            {
                return SaveResult<PracticeForm>.NotFound("This practice no longer exists; it may have been removed from the draft.");
            }

            form.ScoreVersionId = practice.ScoreVersionId;
        }

        if (await ReadOnlyMessageAsync(db, form.ScoreVersionId, cancellationToken) is { } readOnly)
        {
            return SaveResult<PracticeForm>.NotAllowed(readOnly);
        }

        if (practice is not null && practice.Version != form.Version)
        {
            return SaveResult<PracticeForm>.Stale(PracticeForm.From(practice));
        }

        var key = form.Key.Trim();
        if (practice is null && !errors.Any
            && await db.Practices.AsNoTracking().Where(p => p.ScoreVersionId == form.ScoreVersionId && p.Key == key).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) is { } clash)
        {
            errors.AddDuplicate(nameof(PracticeForm.Key), $"Key '{key}' is already used by practice '{clash}' in this version.");
        }

        var name = form.Name.Trim();
        if (await db.Practices.AsNoTracking().AnyAsync(p => p.ScoreVersionId == form.ScoreVersionId && p.Name == name && p.Id != (form.Id ?? 0), cancellationToken))
        {
            errors.AddDuplicate(nameof(PracticeForm.Name), $"A practice named '{name}' already exists in this version.");
        }

        if (form.StageId != 0 && !await db.Stages.AnyAsync(s => s.Id == form.StageId, cancellationToken))
        {
            errors.Add(nameof(PracticeForm.StageId), "Stage does not exist; pick one of Demand, Plan, Build, Run.");
        }

        var kpiKeys = await KpiKeysAsync(db, form, key, errors, cancellationToken);
        if (errors.Any)
        {
            return SaveResult<PracticeForm>.Invalid(errors);
        }

        if (practice is null)
        {
            var last = await db.Practices.Where(p => p.ScoreVersionId == form.ScoreVersionId && p.StageId == form.StageId).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0;
            practice = db.Practices.Add(new Practice { ScoreVersionId = form.ScoreVersionId, Key = key, Name = name, StageId = form.StageId, Order = last + 1 }).Entity;
        }
        else if (practice.StageId != form.StageId)
        {
            practice.Order = (await db.Practices.Where(p => p.ScoreVersionId == practice.ScoreVersionId && p.StageId == form.StageId).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0) + 1;
        }

        practice.Name = name;
        practice.StageId = form.StageId;
        practice.Purpose = Blank(form.Purpose);
        practice.Policies = Blank(form.Policies);
        if (ApplyKpis(practice, form.Kpis, kpiKeys, targets))
        {
            // The KPIs are rows of their own: advance the practice's version too, so a concurrent edit of the KPIs
            // alone is still caught on the practice (the interceptor may add one more step when other fields changed).
            practice.Version++;
        }

        if (form.Id is not null)
        {
            db.Entry(practice).Property(p => p.Version).OriginalValue = form.Version;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Practices.AsNoTracking().Include(p => p.Kpis).SingleOrDefaultAsync(p => p.Id == practice.Id, cancellationToken);
            return current is null
                ? SaveResult<PracticeForm>.NotFound("This practice was removed by someone else.")
                : SaveResult<PracticeForm>.Stale(PracticeForm.From(current));
        }
        catch (DbUpdateException) when (form.Id is null)
        {
            return SaveResult<PracticeForm>.Duplicate(nameof(PracticeForm.Key), $"Key '{key}' was just taken by someone else.");
        }

        return SaveResult<PracticeForm>.Ok(PracticeForm.From(practice));
    }

    /// <summary>
    /// Edits one KPI of the draft, found by key, based on <paramref name="expectedVersion"/> of its row: the way the API
    /// changes a target. The key and practice stay; a KPI of a published or superseded version is never changed (only
    /// the draft has KPIs to edit here), a stale version is a conflict with the current definition.
    /// </summary>
    public async Task<SaveResult<KpiDefinition>> SaveDraftKpiAsync(string key, KpiForm form, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new ValidationErrors();
        var target = KpiRules.Validate(form, 1, errors, nameof(KpiForm));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kpi = await db.PracticeKpis.Include(k => k.Practice).ThenInclude(p => p!.ScoreVersion)
            .SingleOrDefaultAsync(k => k.Key == key && k.Practice!.ScoreVersion!.Status == ScoreVersionStatus.Draft, cancellationToken);
        if (kpi is null)
        {
            return SaveResult<KpiDefinition>.Invalid("", $"The draft has no KPI '{key}'. Published versions are read-only: start a draft to change a target.");
        }

        if (kpi.Version != expectedVersion)
        {
            return SaveResult<KpiDefinition>.Stale(KpiDefinition.From(kpi));
        }

        if (errors.Any)
        {
            return SaveResult<KpiDefinition>.Invalid(errors);
        }

        (kpi.Name, kpi.Metric, kpi.Unit, kpi.Target, kpi.Direction, kpi.WarningBand, kpi.Period) =
            (form.Name.Trim(), form.Metric, form.Unit?.Trim() ?? "", target!.Value, form.Direction, form.WarningBand, form.Period);
        db.Entry(kpi).Property(k => k.Version).OriginalValue = expectedVersion;
        if (db.ChangeTracker.HasChanges())
        {
            kpi.Practice!.Version++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.PracticeKpis.AsNoTracking().Include(k => k.Practice).SingleOrDefaultAsync(k => k.Id == kpi.Id, cancellationToken);
            return current is null
                ? SaveResult<KpiDefinition>.Invalid("", "This KPI was removed from the draft by someone else.")
                : SaveResult<KpiDefinition>.Stale(KpiDefinition.From(current));
        }

        return SaveResult<KpiDefinition>.Ok(KpiDefinition.From(kpi));
    }

    /// <summary>Moves a card of the draft to the neighbouring stage (appended at its end) or one place up or down within its stage.</summary>
    public async Task<SaveResult<PracticeForm>> MoveAsync(int practiceId, MoveDirection direction, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var practice = await db.Practices.Include(p => p.Kpis).SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (practice is null)
        {
            return SaveResult<PracticeForm>.NotFound("This practice no longer exists.");
        }

        if (await ReadOnlyMessageAsync(db, practice.ScoreVersionId, cancellationToken) is { } readOnly)
        {
            return SaveResult<PracticeForm>.NotAllowed(readOnly);
        }

        var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Order).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var column = await db.Practices.Where(p => p.ScoreVersionId == practice.ScoreVersionId && p.StageId == practice.StageId)
            .OrderBy(p => p.Order).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var index = column.FindIndex(p => p.Id == practice.Id);
        switch (direction)
        {
            case MoveDirection.Up or MoveDirection.Down:
                var target = direction == MoveDirection.Up ? index - 1 : index + 1;
                if (target < 0 || target >= column.Count)
                {
                    return SaveResult<PracticeForm>.Invalid("", $"{practice.Name} is already {(direction == MoveDirection.Up ? "first" : "last")} in its stage.");
                }

                (column[index], column[target]) = (column[target], column[index]);
                break;
            default:
                var stageIndex = stages.FindIndex(s => s.Id == practice.StageId) + (direction == MoveDirection.Left ? -1 : 1);
                if (stageIndex < 0 || stageIndex >= stages.Count)
                {
                    return SaveResult<PracticeForm>.Invalid("", $"{practice.Name} is already on the {(direction == MoveDirection.Left ? "first" : "last")} stage.");
                }

                column.RemoveAt(index);
                var newStage = stages[stageIndex].Id;
                practice.Order = (await db.Practices.Where(p => p.ScoreVersionId == practice.ScoreVersionId && p.StageId == newStage).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0) + 1;
                practice.StageId = newStage;
                break;
        }

        for (var i = 0; i < column.Count; i++)
        {
            column[i].Order = i + 1;
        }

        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<PracticeForm>.Ok(PracticeForm.From(practice));
    }

    /// <summary>Removes a practice from the draft, at the version the caller read, with the role assignments over it.</summary>
    public async Task<DeleteResult> DeletePracticeAsync(int practiceId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var practice = await db.Practices.SingleOrDefaultAsync(p => p.Id == practiceId, cancellationToken);
        if (practice is null)
        {
            return DeleteResult.Gone("It no longer exists.");
        }

        if (practice.Version != version)
        {
            return DeleteResult.Stale(practice.Version);
        }

        if (await ReadOnlyMessageAsync(db, practice.ScoreVersionId, cancellationToken) is { } readOnly)
        {
            return DeleteResult.Refused(readOnly);
        }

        db.RoleAssignments.RemoveRange(await db.RoleAssignments.Where(a => a.PracticeId == practiceId).ToListAsync(cancellationToken));
        db.Practices.Remove(practice);
        return await DeleteSaver.SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// The key of each KPI row: the one given, or a new one made from the practice key and the name. A key is unique
    /// within the version (measurements are kept by it), so a key another practice of the version uses is refused.
    /// </summary>
    private static async Task<List<string>> KpiKeysAsync(PortalDbContext db, PracticeForm form, string practiceKey, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var others = await db.PracticeKpis.AsNoTracking()
            .Where(k => k.Practice!.ScoreVersionId == form.ScoreVersionId && k.PracticeId != (form.Id ?? 0))
            .Select(k => new { k.Key, PracticeName = k.Practice!.Name })
            .ToListAsync(cancellationToken);
        var taken = others.Select(o => o.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var given = form.Kpis.Select(k => k.Key?.Trim() ?? "").Where(k => k.Length > 0).ToList();
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < form.Kpis.Count; i++)
        {
            var kpi = form.Kpis[i];
            var kpiKey = string.IsNullOrWhiteSpace(kpi.Key)
                ? KpiRules.NewKey(practiceKey, kpi.Name?.Trim() ?? "", taken.Concat(given).Concat(keys).ToHashSet(StringComparer.OrdinalIgnoreCase))
                : kpi.Key.Trim();
            if (others.FirstOrDefault(o => string.Equals(o.Key, kpiKey, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                errors.Add(nameof(PracticeForm.Kpis), $"KPI {i + 1}: the key '{kpiKey}' is already used by a KPI of {clash.PracticeName} in this version.");
            }
            else if (!seen.Add(kpiKey))
            {
                errors.Add(nameof(PracticeForm.Kpis), $"KPI {i + 1}: the key '{kpiKey}' is given twice.");
            }

            keys.Add(kpiKey);
        }

        return keys;
    }

    /// <summary>
    /// Brings the practice's KPI rows in line with the form, matched by key: changed rows are updated in place (so the
    /// audit trail shows old → new per field), new rows added, missing rows removed. True when anything changed.
    /// </summary>
    private static bool ApplyKpis(Practice practice, List<KpiForm> forms, List<string> keys, List<double?> targets)
    {
        var changed = false;
        var existing = practice.Kpis.ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
        var kept = new HashSet<PracticeKpi>();
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            if (!existing.TryGetValue(keys[i], out var kpi))
            {
                kpi = new PracticeKpi { Key = keys[i], Name = "", Unit = "" };
                practice.Kpis.Add(kpi);
                changed = true;
            }

            kept.Add(kpi);
            var name = form.Name.Trim();
            var unit = form.Unit?.Trim() ?? "";
            var target = targets[i]!.Value;
            if (kpi.Name != name || kpi.Metric != form.Metric || kpi.Unit != unit || !kpi.Target.Equals(target) || kpi.Direction != form.Direction
                || !kpi.WarningBand.Equals(form.WarningBand) || kpi.Period != form.Period || kpi.Order != i + 1)
            {
                (kpi.Name, kpi.Metric, kpi.Unit, kpi.Target, kpi.Direction, kpi.WarningBand, kpi.Period, kpi.Order) =
                    (name, form.Metric, unit, target, form.Direction, form.WarningBand, form.Period, i + 1);
                changed = true;
            }
        }

        foreach (var removed in practice.Kpis.Where(k => !kept.Contains(k)).ToList())
        {
            practice.Kpis.Remove(removed);
            changed = true;
        }

        return changed;
    }

    /// <summary>Null when the version is the draft; otherwise why it cannot be changed.</summary>
    internal static async Task<string?> ReadOnlyMessageAsync(PortalDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var version = await db.ScoreVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => new { v.Number, v.Status }).SingleOrDefaultAsync(cancellationToken);
        return version switch
        {
            null => "This score version no longer exists.",
            { Status: ScoreVersionStatus.Draft } => null,
            _ => $"Version {version.Number} is {version.Status.ToString().ToLowerInvariant()} and read-only. Change the draft instead (start one with \"New draft\").",
        };
    }

    private async Task<ScoreVersionRow> RowAsync(int versionId, CancellationToken cancellationToken) =>
        (await new ScoreQueries(factory).VersionsAsync(cancellationToken)).Single(v => v.Id == versionId);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
