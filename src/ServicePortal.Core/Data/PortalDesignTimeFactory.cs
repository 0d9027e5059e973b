using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace ServicePortal.Core.Data;

/// <summary>
/// How <c>dotnet ef</c> makes a <see cref="PortalDbContext"/> for one provider's migrations project (each project
/// holds a subclass naming its provider, so the project alone picks the provider). The connection string is read like
/// the app reads it (<c>ConnectionStrings:Portal</c> after <c>--</c>, or <c>ConnectionStrings__Portal</c>); only
/// <c>dotnet ef database update</c> connects, <c>migrations add</c> and <c>has-pending-model-changes</c> do not.
/// </summary>
public abstract class PortalDesignTimeFactory(DatabaseProvider provider) : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:Portal"] = provider == DatabaseProvider.Sqlite ? DatabaseSettings.DefaultSqlite : "Host=127.0.0.1;Database=serviceportal",
            })
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var settings = DatabaseSettings.From(configuration);
        if (settings.Provider != provider)
        {
            throw new InvalidOperationException($"This migrations project is for {provider}; Database:Provider says {settings.Provider}.");
        }

        return new PortalDbContext(PortalDatabase.Options(settings));
    }
}
