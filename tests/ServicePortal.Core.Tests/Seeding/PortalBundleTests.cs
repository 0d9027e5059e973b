using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServicePortal.Core.Interop;
using ServicePortal.Core.Seeding;
using ServicePortal.Core.Tests.Interop;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.Seeding;

/// <summary>
/// One bundle model with two sources: a seed folder (one file per section) and a JSON bundle read from a stream. Both
/// are checked by the same reader, so they load the same rows and are refused with the same per-row messages.
/// </summary>
public sealed class PortalBundleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASeedFolder_AndTheSameSectionsAsABundleStream_LoadTheSameRows()
    {
        await using var fromFolder = await InteropDatabase.CreateAsync(sample: false);
        await using var fromStream = await InteropDatabase.CreateAsync(sample: false);
        SeedResult byFolder;
        SeedResult byStream;
        await using (var db = fromFolder.CreateDbContext())
        {
            byFolder = await SeedLoader.LoadAsync(db, SeedFolder.Sample, Ct);
        }

        await using (var db = fromStream.CreateDbContext())
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(BundleOf(SeedFolder.Sample)));
            byStream = await SeedLoader.LoadAsync(db, stream, Ct);
        }

        Assert.True(byStream.Loaded, byStream.Message);
        Assert.StartsWith("Loaded the seed data from the bundle: ", byStream.Message, StringComparison.Ordinal);
        Assert.Equal(byFolder with { Message = "" }, byStream with { Message = "" });
        Assert.Equal(await new PortalExporter(fromFolder).ExportJsonAsync(Ct), await new PortalExporter(fromStream).ExportJsonAsync(Ct));
    }

    [Fact]
    public async Task ABadWholeBundle_IsRefusedByTheImport_WithTheMessagesOfTheSameBadSeedFolder()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        using var folder = SeedFolder.CopyOfSample();
        folder.Edit(SeedReader.ServicesFile, json => json[0]!["tier"] = 7);
        folder.Edit(SeedReader.ContractsFile, json => json[0]!["endDate"] = "2027-02-30");
        folder.Edit(SeedReader.GovernanceFile, json => json["assignments"]![0]!["role"] = "JESTER");
        folder.Edit(SeedReader.MeasurementsFile, json => json[0]!["target"] = "NO-SUCH-TARGET");
        var folderProblems = SeedLoader.Validate(folder.FolderPath);
        var bundle = Encoding.UTF8.GetBytes(BundleOf(folder.FolderPath));
        var import = new CatalogImport(database, TimeProvider.System);

        var preview = await import.PreviewAsync(ImportFormat.Bundle, bundle, Ct);
        var result = await import.CommitAsync(ImportFormat.Bundle, bundle, Ct);

        Assert.Equal(4, folderProblems.Count);
        Assert.Contains(folderProblems, p => p.StartsWith("services.json item 1 (SVC-ONLINE-SHOPPING): tier 7 is outside 1–4", StringComparison.Ordinal));
        Assert.Contains(folderProblems, p => p.StartsWith("contracts.json item 1 (CT-2024-NBP-01): endDate '2027-02-30' is not a date", StringComparison.Ordinal));
        var expected = "The bundle cannot be loaded: " + string.Join("; ", folderProblems);
        Assert.Equal(expected, preview.FileError);
        Assert.False(result.Committed);
        Assert.Equal(expected, result.Preview.FileError);
        Assert.All(await database.CountsAsync(), count => Assert.True(count.Value == 0, $"{count.Key}: {count.Value}"));
    }

    [Fact]
    public async Task ABundleStreamThatIsNotJson_IsRefusedWithItsLine_AndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"domains\": [ { \"key\": \"DOM-X\", \"colour\": \"blue\" } ]\n}"));

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, stream, Ct));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("bundle line 2, position ", problem, StringComparison.Ordinal);
        Assert.Contains("unknown property 'colour'", problem, StringComparison.Ordinal);
        Assert.All(await database.CountRowsAsync(Ct), table => Assert.True(table.Value == 0, $"{table.Key} has {table.Value} rows"));
    }

    [Fact]
    public async Task ABundleStreamWithoutASection_NamesTheMissingSection()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreatePlainContext();
        var whole = JsonNode.Parse(BundleOf(SeedFolder.Sample))!.AsObject();
        whole.Remove("governance");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(whole.ToJsonString()));

        var error = await Assert.ThrowsAsync<SeedDataException>(() => SeedLoader.LoadAsync(db, stream, Ct));

        Assert.Equal(["governance.json: the section is missing; expected an object { … }"], error.Problems);
    }

    /// <summary>
    /// The whole-bundle import used to write the upload into a temporary seed folder. Now neither the import nor the
    /// bundle's reading nor the loader calls System.IO.File or Directory (checked in their IL, async state machines and
    /// lambdas included): the upload is read from memory. Only the folder source (<see cref="PortalBundle.FromFolder"/>) reads files.
    /// </summary>
    [Fact]
    public void TheWholeBundleImport_TouchesNoFileOrFolder()
    {
        Type[] inMemory = [typeof(CatalogImport), typeof(BundleReader), typeof(PortalExporter), typeof(SeedLoader), typeof(SeedReader), typeof(PortalBundle)];

        var calls = inMemory.SelectMany(FileSystemCalls).Distinct().ToList();

        // The walk sees calls (the folder source reads its files) ...
        Assert.Contains("PortalBundle.ParseFile → File.ReadAllBytes", calls);

        // ... and only the folder source and the host's folder lookup make any.
        Assert.All(calls, call => Assert.Matches(@"^(PortalBundle\.(FromFolder|ParseFile)|SeedLoader\.FindFolder) → ", call));
    }

    /// <summary>"Type.Method → File.Member" for every call to System.IO.File or Directory in a type and its nested (compiler-made) types.</summary>
    private static IEnumerable<string> FileSystemCalls(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var call in FileSystemCalls(nested))
            {
                yield return call;
            }
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var called in CalledMethods(method))
            {
                if (called.DeclaringType == typeof(File) || called.DeclaringType == typeof(Directory))
                {
                    yield return $"{Outer(type).Name}.{Readable(method.Name)} → {called.DeclaringType.Name}.{called.Name}";
                }
            }
        }
    }

    private static Type Outer(Type type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    /// <summary>"&lt;FromFolder&gt;g__Parse|3_0" and "&lt;LoadAsync&gt;d__5.MoveNext" read as the method they were written in.</summary>
    private static string Readable(string name) => name.StartsWith('<') ? name[1..name.IndexOf('>', StringComparison.Ordinal)] : name;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods a method's IL calls (call, callvirt, newobj, ldftn), walking the IL opcode by opcode.</summary>
    private static IEnumerable<MethodBase> CalledMethods(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var i = 0;
        while (i < il.Length)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, i);
                MethodBase? called = null;
                try
                {
                    called = method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                }

                if (called is not null)
                {
                    yield return called;
                }
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    /// <summary>A folder's files as the sections of one JSON bundle, the shape an export has.</summary>
    private static string BundleOf(string folder)
    {
        var bundle = new JsonObject { ["format"] = PortalExporter.Format };
        foreach (var (section, file) in PortalExporter.Sections)
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                bundle[section] = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
        }

        return bundle.ToJsonString();
    }
}
