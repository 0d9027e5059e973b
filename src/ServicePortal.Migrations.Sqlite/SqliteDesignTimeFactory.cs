using ServicePortal.Core.Data;

namespace ServicePortal.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef … --project src/ServicePortal.Migrations.Sqlite</c> create the context on SQLite.</summary>
public sealed class SqliteDesignTimeFactory() : PortalDesignTimeFactory(DatabaseProvider.Sqlite);
