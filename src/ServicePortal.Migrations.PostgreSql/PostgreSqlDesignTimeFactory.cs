using ServicePortal.Core.Data;

namespace ServicePortal.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef … --project src/ServicePortal.Migrations.PostgreSql</c> create the context on PostgreSQL.</summary>
public sealed class PostgreSqlDesignTimeFactory() : PortalDesignTimeFactory(DatabaseProvider.PostgreSql);
