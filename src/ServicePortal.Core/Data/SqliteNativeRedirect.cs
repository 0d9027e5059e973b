using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ServicePortal.Core.Data;

/// <summary>
/// Workaround (PLATFORM.md #2): Microsoft.Data.Sqlite 10 is compiled against SQLitePCLRaw 2.1.x, but only 2.0.6 is
/// served here. The runtime refuses to bind the higher requested version to the 2.0.6 file, so this handler answers
/// that request with the 2.0.6 assembly beside the app. A module initializer registers it as soon as this assembly
/// loads, before any SQLite connection is opened, so every host and test gets it. Remove when 2.1.13 is served.
/// </summary>
internal static class SqliteNativeRedirect
{
    private static readonly string[] RedirectedAssemblies =
        ["SQLitePCLRaw.core", "SQLitePCLRaw.batteries_v2", "SQLitePCLRaw.provider.e_sqlite3"];

    // A library module initializer is the point here: it runs before any code of the data layer can open SQLite.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName requested)
    {
        if (requested.Name is null || !RedirectedAssemblies.Contains(requested.Name))
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, requested.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
