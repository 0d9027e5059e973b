using System.Text.Json.Nodes;

namespace ServicePortal.Core.Tests.Support;

/// <summary>The sample seed-data/ copied beside the tests, and editable temp copies of it for broken-data tests.</summary>
public sealed class SeedFolder : IDisposable
{
    /// <summary>The repository's seed-data/, copied into the test output by the test project.</summary>
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "seed-data");

    private SeedFolder(string path) => FolderPath = path;

    public string FolderPath { get; }

    public static SeedFolder CopyOfSample()
    {
        var path = Path.Combine(Path.GetTempPath(), "serviceportal-tests", "seed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        foreach (var file in Directory.GetFiles(Sample, "*.json"))
        {
            File.Copy(file, Path.Combine(path, Path.GetFileName(file)));
        }

        return new SeedFolder(path);
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(FolderPath, file));

    public void Write(string file, string text) => File.WriteAllText(Path.Combine(FolderPath, file), text);

    /// <summary>Parses a file, lets <paramref name="edit"/> change it, and writes it back.</summary>
    public void Edit(string file, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(Read(file))!;
        edit(json);
        Write(file, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose() => Directory.Delete(FolderPath, recursive: true);
}
