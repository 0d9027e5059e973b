using ServicePortal.Core.Data.Migrations;

namespace ServicePortal.Web;

public static class PortalApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--write-schema-scripts"))
        {
            var directory = Path.Combine(RepositoryRoot(), "src/ServicePortal.Core/Data/Migrations/Sql");
            foreach (var path in SchemaScripts.Write(directory))
            {
                Console.WriteLine($"wrote {path}");
            }

            return 0;
        }

        await Task.CompletedTask;
        return 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServicePortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run this from inside the ServicePortal repository.");
    }
}
