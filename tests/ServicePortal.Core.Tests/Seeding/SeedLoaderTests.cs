using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Auditing;
using ServicePortal.Core.OperatingModel;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

public sealed class SeedLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void SampleFolder_HasNoProblems()
    {
        var problems = SeedLoader.Validate(SeedFolder.Sample);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task EverySampleFile_LoadsAndTheStoredCountsEqualTheFiles()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var expected = CountItemsInFiles(SeedFolder.Sample);

        var result = await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);

        Assert.True(result.Loaded, result.Message);
        var stored = await database.CountRowsAsync(Ct);
        foreach (var (table, count) in expected)
        {
            Assert.True(stored[table] == count, $"{table}: stored {stored[table]}, the files have {count}");
        }

        Assert.Equal(1, stored["AuditEntries"]);
        Assert.Equal(expected["Nodes"], result.Nodes);
        Assert.Equal(expected["Relationships"], result.Relationships);
        Assert.Equal(expected["SlaMeasurements"], result.SlaMeasurements);
        Assert.Equal(expected["RoleAssignments"], result.RoleAssignments);
    }

    [Fact]
    public async Task LoadingTwice_StoresTheSeedOnceAndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = database.CreatePlainContext())
        {
            await SeedLoader.LoadAsync(first, SeedFolder.Sample, Ct);
        }

        var before = await database.CountRowsAsync(Ct);

        await using var second = database.CreatePlainContext();
        var result = await SeedLoader.LoadAsync(second, SeedFolder.Sample, Ct);

        Assert.False(result.Loaded);
        Assert.Contains("already holds", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.CountRowsAsync(Ct));
    }

    [Fact]
    public async Task WithTheAuditingInterceptor_OneSummaryEntryIsAuditedInsteadOfOnePerRow()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext(new AuditingInterceptor(new SystemActor(), TimeProvider.System));

        var result = await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);

        var audit = Assert.Single(await db.AuditEntries.ToListAsync(Ct));
        Assert.Equal(("SeedData", SystemActor.SystemName, AuditAction.Created), (audit.EntityType, audit.UserName, audit.Action));
        Assert.Contains($"\"{result.Services}\"", audit.Changes, StringComparison.Ordinal);
        Assert.False(db.SuppressAudit);
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        Assert.All(await db.Services.ToListAsync(Ct), s => Assert.NotEqual(default, s.CreatedAt));
    }

    [Fact]
    public async Task ADraftBasedOnThePublishedVersion_IsLinkedToItAndOwnsThePracticeAssignments()
    {
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.OperatingModelFile, json =>
        {
            var versions = json["scoreVersions"]!.AsArray();
            var draft = versions[0]!.DeepClone();
            draft["number"] = 2;
            draft["title"] = "Common score 2027 (draft)";
            draft["status"] = "Draft";
            draft["basedOn"] = 1;
            draft.AsObject().Remove("publishedAt");
            draft.AsObject().Remove("publishedBy");
            versions.Add(draft);
        });
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();

        await SeedLoader.LoadAsync(db, folder.FolderPath, Ct);

        var versions = await db.ScoreVersions.OrderBy(v => v.Number).ToListAsync(Ct);
        Assert.Equal((ScoreVersionStatus.Published, ScoreVersionStatus.Draft), (versions[0].Status, versions[1].Status));
        Assert.Equal(versions[0].Id, versions[1].BasedOnId);
        var practiceVersions = await db.RoleAssignments.Where(a => a.PracticeId != null).Select(a => a.Practice!.ScoreVersionId).Distinct().ToListAsync(Ct);
        Assert.Equal([versions[1].Id], practiceVersions);
    }

    [Fact]
    public async Task ADatabaseWithAnyCatalogData_IsLeftAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var arrange = database.CreatePlainContext())
        {
            arrange.Add(Builders.Service(Builders.Domain()));
            await arrange.SaveChangesAsync(Ct);
        }

        await using var db = database.CreatePlainContext();
        var result = await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);

        Assert.False(result.Loaded);
        Assert.Equal(1, await db.Nodes.CountAsync(Ct));
        Assert.Equal(1, await db.Domains.CountAsync(Ct));
    }

    [Fact]
    public async Task MalformedJson_IsReportedWithFileLineAndPositionAndNothingIsStored()
    {
        using var folder = SeedFolder.CopyOfSample();
        var lines = folder.Read(SeedReader.ServicesFile).Split('\n');
        var broken = Array.FindIndex(lines, l => l.Contains("\"kind\": \"Business\",", StringComparison.Ordinal));
        lines[broken] = lines[broken].Replace("\"Business\",", "\"Business\"", StringComparison.Ordinal);
        folder.Write(SeedReader.ServicesFile, string.Join('\n', lines));

        var problems = await LoadBrokenAsync(folder);

        // The reader notices the missing comma where the next property starts: line broken + 2 (1-based), after 4 spaces.
        var problem = Assert.Single(problems);
        Assert.StartsWith($"services.json line {broken + 2}, position 5: malformed JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDomainReference_IsReportedWithFileItemAndProblemAndNothingIsStored()
    {
        using var folder = SeedFolder.CopyOfSample();
        string? key = null;
        folder.Edit(SeedReader.ServicesFile, json =>
        {
            json[11]!["domain"] = "DOM-NOWHERE";
            key = (string?)json[11]!["key"];
        });

        var problems = await LoadBrokenAsync(folder);

        Assert.Equal([$"services.json item 12 ({key}): domain 'DOM-NOWHERE' is not defined in domains.json"], problems);
    }

    [Fact]
    public async Task BadEnumValue_IsReportedWithTheAllowedValuesAndNothingIsStored()
    {
        using var folder = SeedFolder.CopyOfSample();
        string? key = null;
        folder.Edit(SeedReader.ConfigurationItemsFile, json =>
        {
            json[2]!["ciType"] = "Mainframe";
            key = (string?)json[2]!["key"];
        });

        var problems = await LoadBrokenAsync(folder);

        Assert.Equal(
            [$"configuration-items.json item 3 ({key}): ciType 'Mainframe' is not one of Application, Database, Server, NetworkLink, CloudResource, SaasTenant"],
            problems);
    }

    [Fact]
    public async Task DuplicateKey_IsReportedWithBothItemsAndNothingIsStored()
    {
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.ServicesFile, json => json[4]!["key"] = (string?)json[0]!["key"]);
        var first = (string?)JsonNode.Parse(folder.Read(SeedReader.ServicesFile))![0]!["key"];

        var problems = await LoadBrokenAsync(folder);

        Assert.Contains(
            $"services.json item 5 ({first}): key '{first}' is already used by services.json item 1 ({first}) (service, configuration item and supplier keys share one namespace)",
            problems);
    }

    [Fact]
    public async Task PartOfCycle_IsReportedWithTheCycleAndNothingIsStored()
    {
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.RelationshipsFile, json => json["relationships"]!.AsArray().Add(new JsonObject
        {
            ["from"] = "CI-CLOUD-ACCOUNT-PROD",
            ["type"] = "PartOf",
            ["to"] = "CI-K8S-POOL-GENERAL",
        }));

        var problems = await LoadBrokenAsync(folder);

        var problem = Assert.Single(problems);
        Assert.Matches(@"^relationships\.json relationships item \d+ \(CI-\S+ PartOf CI-\S+\): closes a PartOf cycle ", problem);
        Assert.Contains("CI-CLOUD-ACCOUNT-PROD", problem, StringComparison.Ordinal);
        Assert.Contains("CI-K8S-PROD", problem, StringComparison.Ordinal);
        Assert.Contains("CI-K8S-POOL-GENERAL", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemsInSeveralFiles_AreAllReportedInOneRun()
    {
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.DomainsFile, json => json[0]!["name"] = new string('x', FieldLengths.Name + 1));
        folder.Edit(SeedReader.ServicesFile, json => json[0]!["tier"] = 7);
        folder.Edit(SeedReader.ContractsFile, json => json[0]!["endDate"] = "2027-02-30");
        folder.Edit(SeedReader.GovernanceFile, json => json["assignments"]![0]!["role"] = "JESTER");

        var problems = await LoadBrokenAsync(folder);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("domains.json item 1 (DOM-CHANNELS): name is 201 characters long; at most 200", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("services.json item 1 (SVC-ONLINE-SHOPPING): tier 7 is outside 1–4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("contracts.json item 1 (CT-2024-NBP-01): endDate '2027-02-30' is not a date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("governance.json assignments item 1 (", StringComparison.Ordinal) && p.Contains("role 'JESTER' is not defined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingRequiredFieldsAndUnknownProperties_AreReported()
    {
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.SuppliersFile, json => json[0]!.AsObject().Remove("category"));
        folder.Edit(SeedReader.MeasurementsFile, json => json[0]!["target"] = "NO-SUCH-TARGET");

        var problems = await LoadBrokenAsync(folder);

        Assert.Contains("suppliers.json item 1 (SUP-DIGITAL-ENG): category is required (one of Strategic, Tactical, Operational, Commodity)", problems);
        Assert.Contains("measurements.json item 1 (NO-SUCH-TARGET): target 'NO-SUCH-TARGET' is not an SLA target in contracts.json", problems);

        folder.Edit(SeedReader.DomainsFile, json => json[0]!["colour"] = "blue");

        var syntax = await LoadBrokenAsync(folder);

        Assert.Contains(syntax, p => p.StartsWith("domains.json line ", StringComparison.Ordinal) && p.Contains("unknown property 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingFile_IsReported()
    {
        using var folder = SeedFolder.CopyOfSample();
        File.Delete(Path.Combine(folder.FolderPath, SeedReader.GovernanceFile));

        var problems = await LoadBrokenAsync(folder);

        Assert.Equal([$"governance.json: file not found in {folder.FolderPath}"], problems);
    }

    /// <summary>Loads a broken folder into a fresh database, asserts that nothing was stored, and returns the problems.</summary>
    private static async Task<IReadOnlyList<string>> LoadBrokenAsync(SeedFolder folder)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, folder.FolderPath, Ct));

        Assert.All(await database.CountRowsAsync(Ct), table => Assert.True(table.Value == 0, $"{table.Key} has {table.Value} rows"));
        Assert.Equal(error.Problems, SeedLoader.Validate(folder.FolderPath));
        return error.Problems;
    }

    /// <summary>The number of rows each table should get, counted straight from the JSON.</summary>
    private static Dictionary<string, long> CountItemsInFiles(string folder)
    {
        JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file))).RootElement;
        static int Sum(JsonElement array, Func<JsonElement, int> count) => array.EnumerateArray().Sum(count);

        var relationships = Read(SeedReader.RelationshipsFile);
        var contracts = Read(SeedReader.ContractsFile);
        var model = Read(SeedReader.OperatingModelFile);
        var governance = Read(SeedReader.GovernanceFile);
        var practices = model.GetProperty("scoreVersions").EnumerateArray().SelectMany(v => v.GetProperty("practices").EnumerateArray()).ToList();
        return new Dictionary<string, long>
        {
            ["Domains"] = Read(SeedReader.DomainsFile).GetArrayLength(),
            ["Nodes"] = Read(SeedReader.SuppliersFile).GetArrayLength() + Read(SeedReader.ServicesFile).GetArrayLength() + Read(SeedReader.ConfigurationItemsFile).GetArrayLength(),
            ["RedundancyGroups"] = relationships.GetProperty("redundancyGroups").GetArrayLength(),
            ["Relationships"] = relationships.GetProperty("relationships").GetArrayLength(),
            ["Contracts"] = contracts.GetArrayLength(),
            ["ContractServices"] = Sum(contracts, c => c.GetProperty("services").GetArrayLength()),
            ["SlaTargets"] = Sum(contracts, c => c.GetProperty("slaTargets").GetArrayLength()),
            ["SlaMeasurements"] = Sum(Read(SeedReader.MeasurementsFile), m => m.GetProperty("values").EnumerateObject().Count()),
            ["Stages"] = model.GetProperty("stages").GetArrayLength(),
            ["ScoreVersions"] = model.GetProperty("scoreVersions").GetArrayLength(),
            ["Practices"] = practices.Count,
            ["PracticeKpis"] = practices.Sum(p => p.GetProperty("kpis").GetArrayLength()),
            ["KpiMeasurements"] = Sum(Read(SeedReader.KpiMeasurementsFile), m => m.GetProperty("values").EnumerateObject().Count()),
            ["GovernanceRoles"] = governance.GetProperty("roles").GetArrayLength(),
            ["People"] = governance.GetProperty("people").GetArrayLength(),
            ["RoleAssignments"] = governance.GetProperty("assignments").GetArrayLength(),
        };
    }
}
