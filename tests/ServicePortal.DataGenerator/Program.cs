using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ServicePortal.Core.Data;

namespace ServicePortal.DataGenerator;

// dotnet run -c Release --project tests/ServicePortal.DataGenerator -- 100000 "--ConnectionStrings:Portal=Data Source=data/scale.db"
// Fills the configured, empty database (SQLite by default; --Database:Provider=PostgreSQL for PostgreSQL) with a
// deterministic CMDB of N nodes for load and scale tests. Relative SQLite paths are taken from the current directory.
internal static class GeneratorProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !int.TryParse(args[0], out var count) || count < ScaleGenerator.MinimumNodeCount)
        {
            await Console.Error.WriteLineAsync(
                $"Usage: dotnet run -c Release --project tests/ServicePortal.DataGenerator -- N [\"--ConnectionStrings:Portal=Data Source=data/scale.db\"] [--Database:Provider=PostgreSQL]" +
                $"{Environment.NewLine}N is the node count, at least {ScaleGenerator.MinimumNodeCount}.");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddCommandLine(args[1..]).Build();
        var settings = DatabaseSettings.From(configuration);
        await using var db = new PortalDbContext(PortalDatabase.Options(settings));
        await PortalDatabase.MigrateAsync(db);
        try
        {
            var data = ScaleGenerator.Generate(count);
            var result = await ScaleGenerator.LoadAsync(db, data);
            await PortalDatabase.RefreshStatisticsAsync(db);
            Console.WriteLine(
                $"Generated {result.Services} services, {result.ConfigurationItems} configuration items, {result.Suppliers} suppliers, " +
                $"{result.Relationships} relationships, {result.Contracts} contracts, {result.SlaTargets} SLA targets and " +
                $"{result.SlaMeasurements} measurements " +
                $"(write {result.WriteTime.TotalSeconds:0.0} s) into {db.Database.GetDbConnection().DataSource}");
            Console.WriteLine($"{data.People.Count} people, {data.Assignments.Count} role assignments; pathological hub {data.Node(data.PathologicalHubId).Key}");
            Console.WriteLine($"Common score: {data.Score.Practices.Count} practices, {data.Score.Kpis.Count} KPIs, {data.Score.Measurements.Count} KPI measurements");
            Console.WriteLine($"Shape: {GraphShape.Of(data)}");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"Not generated: {e.Message}");
            return 1;
        }
    }
}
