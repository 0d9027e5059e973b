using System.Text;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>YAML that costs more to read than its size suggests is refused with a message, and nothing is stored.</summary>
public class BackstageHostileYamlTests
{
    /// <summary>
    /// The alias bomb found from outside (588 bytes): each level is a list of nine aliases of the level before, and the
    /// last level is used as a mapping key, which made reading the document hash the whole expanded tree (9^levels nodes).
    /// </summary>
    public static string AliasBomb(int levels = 7)
    {
        var yaml = new StringBuilder("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bomb\n  l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= levels; level++)
        {
            yaml.Append($"  l{level}: &l{level} [").Append(string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))).Append("]\n");
        }

        yaml.Append($"  boom:\n    ? *l{levels}\n    : x\nspec:\n  type: service\n  owner: team-a\n");
        return yaml.ToString();
    }

    [Fact]
    public async Task AliasBomb_IsRefusedWithAMessage_AndStoresNothing()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var before = await database.CountsAsync();
        var input = Encoding.UTF8.GetBytes(AliasBomb());

        var preview = await new CatalogImport(database, TimeProvider.System).PreviewAsync(ImportFormat.Backstage, input);
        var commit = await new CatalogImport(database, TimeProvider.System).CommitAsync(ImportFormat.Backstage, input);

        Assert.Contains("alias", preview.FileError, StringComparison.OrdinalIgnoreCase);
        Assert.False(commit.Committed);
        Assert.Equal(before, await database.CountsAsync());
    }

    [Fact]
    public async Task DeepNesting_IsRefusedWithAMessage()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var deep = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: deep\n  x: " + new string('[', 500) + new string(']', 500) + "\n";

        var preview = await new CatalogImport(database, TimeProvider.System).PreviewAsync(ImportFormat.Backstage, Encoding.UTF8.GetBytes(deep));

        Assert.Contains("nest", preview.FileError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ManyAliases_AreRefusedWithAMessage()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var many = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: many\n  a: &a x\n  list: [" + string.Join(", ", Enumerable.Repeat("*a", 5000)) + "]\n";

        var preview = await new CatalogImport(database, TimeProvider.System).PreviewAsync(ImportFormat.Backstage, Encoding.UTF8.GetBytes(many));

        Assert.Contains("alias", preview.FileError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnchorsAndAFewAliases_AsPeopleWriteThem_StillRead()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: twin\n  labels: &labels { tier: gold }\n  annotations: *labels\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n";

        var preview = await new CatalogImport(database, TimeProvider.System).PreviewAsync(ImportFormat.Backstage, Encoding.UTF8.GetBytes(yaml));

        Assert.Null(preview.FileError);
        Assert.Contains(preview.Items, i => i.Key == "CMP-twin");
    }
}
