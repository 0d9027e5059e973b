using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Data;
using ServicePortal.Core.Tests.Support;

namespace ServicePortal.Core.Tests.BadInput;

/// <summary>The hostile-input corpus (hostile-inputs.json) through the catalog editor: stored as text or refused by field.</summary>
public class HostileInputTests
{
    private static readonly JsonElement Corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BadInput", "hostile-inputs.json"))).RootElement;

    public static TheoryData<string> StoredAsText() => Strings("storedAsText");

    public static TheoryData<string> RefusedInNames() => Strings("refusedInNames");

    public static TheoryData<string> RefusedKeys() => Strings("refusedKeys");

    [Theory]
    [MemberData(nameof(StoredAsText))]
    public async Task OddButHarmlessText_IsStoredVerbatimAsPlainText(string text)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = new CatalogEditor(database, TimeProvider.System);

        var result = await editor.SaveAsync(new ServiceForm { Key = "SVC-ODD", Name = text, Description = text });

        Assert.True(result.Succeeded, result.Summary);
        await using var db = database.CreateContext();
        var stored = await db.Services.SingleAsync();
        Assert.Equal(text.Trim(), stored.Name);
        Assert.Equal(text.Trim(), stored.Description);
    }

    [Theory]
    [MemberData(nameof(RefusedInNames))]
    public async Task ControlBidiOrOnlyInvisibleCharactersInAName_AreRefusedByFieldAndNothingChanges(string text)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = new CatalogEditor(database, TimeProvider.System);
        var saved = await editor.SaveAsync(new ServiceForm { Key = "SVC-1", Name = "Before" });
        var form = (ServiceForm)saved.Value!.Copy();
        form.Name = text;

        var result = await editor.SaveAsync(form);

        Assert.False(result.Succeeded);
        Assert.Contains("Name", result.Errors[nameof(NodeForm.Name)].Single(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal("Before", (await db.Services.SingleAsync()).Name);
    }

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public async Task MalformedKeys_AreRefusedWithAMessageAboutTheKey(string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = new CatalogEditor(database, TimeProvider.System);

        var result = await editor.SaveAsync(new ConfigurationItemForm { Key = key, Name = "A server" });

        Assert.False(result.Succeeded);
        Assert.StartsWith("Key", result.Errors[nameof(NodeForm.Key)].First(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Nodes.CountAsync());
    }

    [Fact]
    public async Task OversizeTextAndOutOfRangeValues_AreEachNamed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var editor = new CatalogEditor(database, TimeProvider.System);

        var result = await editor.SaveAsync(new ServiceForm
        {
            Key = new string('K', FieldLengths.Key + 1),
            Name = new string('n', FieldLengths.Name + 1),
            Description = new string('d', FieldLengths.Description + 1),
            Tier = 99,
            Kind = (ServiceKind)42,
            Sourcing = (Sourcing)(-1),
            Lifecycle = (Lifecycle)7,
            DomainId = 12345,
        });

        Assert.False(result.Succeeded);
        Assert.Equal(
            [nameof(NodeForm.Description), nameof(NodeForm.DomainId), nameof(ServiceForm.Key), nameof(ServiceForm.Kind), nameof(NodeForm.Lifecycle), nameof(NodeForm.Name), nameof(ServiceForm.Sourcing), nameof(ServiceForm.Tier)],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnknownRelationshipTypeOrDescriptionWithControlCharacters_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = database;
        var editor = new CatalogEditor(factory, TimeProvider.System);
        var a = (await editor.SaveAsync(new ServiceForm { Key = "A", Name = "A" })).Value!.Id!.Value;
        var b = (await editor.SaveAsync(new ServiceForm { Key = "B", Name = "B" })).Value!.Id!.Value;
        var relationships = new RelationshipEditor(factory, new CmdbGraphService(new GraphIndexProvider(factory, Feeds.Eager(factory)), factory));

        var badType = await relationships.AddAsync(new RelationshipInput(a, b, (RelationshipType)99));
        var badText = await relationships.AddAsync(new RelationshipInput(a, b, RelationshipType.DependsOn, Description: "x\u0000y"));

        Assert.Contains("Type", badType.Errors.Keys);
        Assert.Contains("Description", badText.Errors.Keys);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Relationships.CountAsync());
    }

    private static TheoryData<string> Strings(string property)
    {
        var data = new TheoryData<string>();
        foreach (var item in Corpus.GetProperty(property).EnumerateArray())
        {
            data.Add(item.GetString()!);
        }

        return data;
    }
}
