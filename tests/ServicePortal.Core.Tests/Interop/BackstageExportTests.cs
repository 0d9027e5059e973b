using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Catalog;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

public class BackstageExportTests
{
    /// <summary>A catalog with every kind the portal maps, namespaces, tags, links, annotations, a deprecated component and people.</summary>
    internal const string Catalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Domain
        metadata: { name: travel, title: Travel, description: Everything about trips }
        spec: { owner: team-booking }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata: { name: booking, title: Booking }
        spec: { owner: team-booking, domain: travel }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: booking-web
          title: Booking web
          description: The front end.
          tags: [web, typescript]
          links:
            - { url: "https://docs.example/booking", title: Docs, icon: docs }
            - { url: "https://grafana.example/d/booking", title: Dashboard }
          annotations:
            github.com/project-slug: harbour/booking-web
            backstage.io/techdocs-ref: dir:.
        spec:
          type: website
          lifecycle: production
          owner: team-booking
          system: booking
          consumesApis: [booking-api]
          dependsOn: [component:legacy-search]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: legacy-search, title: Legacy search }
        spec: { type: service, lifecycle: deprecated, owner: user:ada.lovelace, system: booking }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: cart, namespace: shop, title: Cart }
        spec: { type: service, lifecycle: beta, owner: group:default/team-booking, subcomponentOf: component:default/booking-web, providesApis: [api:default/booking-api] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: { name: booking-api, title: Booking API, tags: [rest] }
        spec: { type: openapi, lifecycle: production, owner: team-booking, system: booking, definition: "openapi: 3.0.0" }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata: { name: bookings-db, title: Bookings database, annotations: { serviceportal.io/key: CI-BOOKINGS-DB } }
        spec: { type: postgres, owner: team-booking, system: booking, dependsOn: [resource:k8s] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata: { name: k8s, title: Cluster }
        spec: { type: kubernetes-cluster, owner: acme-hosting }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: { name: team-booking }
        spec:
          type: team
          profile: { displayName: Booking Team, email: booking@harbour.example }
          children: []
          members: [grace.hopper]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: { name: acme-hosting }
        spec: { type: supplier, profile: { displayName: Acme Hosting }, children: [] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: ada.lovelace }
        spec: { profile: { displayName: Ada Lovelace, email: ada@harbour.example }, memberOf: [team-booking] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: grace.hopper }
        spec: { profile: { displayName: Grace Hopper, email: grace@harbour.example }, memberOf: [] }
        """;

    private static ImportFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static CatalogImport Import(InteropDatabase database) => new(database, TimeProvider.System);

    private static BackstageExporter Exporter(InteropDatabase database) => new(database, TimeProvider.System);

    [Fact]
    public async Task Export_ImportsBackIntoAnEmptyPortal_AndExportsTheSameText()
    {
        await using var first = await InteropDatabase.CreateAsync(sample: false);
        var imported = await Import(first).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);
        Assert.True(imported.Committed, imported.Message + string.Join("; ", imported.Preview.Errors));
        var exported = await Exporter(first).ExportYamlAsync();
        await using var second = await InteropDatabase.CreateAsync(sample: false);

        var again = await Import(second).CommitAsync(ImportFormat.Backstage, [File("export.yaml", exported)]);
        var reexported = await Exporter(second).ExportYamlAsync();

        Assert.True(again.Committed, again.Message + string.Join("; ", again.Preview.Errors));
        Assert.Equal(exported, reexported);
        Assert.Equal(await first.CountsAsync() is var a ? a["nodes"] : 0, (await second.CountsAsync())["nodes"]);
        Assert.Equal((await first.CountsAsync())["relationships"], (await second.CountsAsync())["relationships"]);
    }

    [Fact]
    public async Task ReimportingTheExport_IntoThePortalItCameFrom_ChangesNothing()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);
        var exported = await Exporter(database).ExportYamlAsync();

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("export.yaml", exported)]);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Empty(preview.Items.Where(i => i.Change != ImportChange.Unchanged).Select(i => $"{i.Key} {i.Change} {string.Join(",", i.ChangedFields)}"));
    }

    [Fact]
    public async Task ASampleCatalogMadeInThePortal_ExportsStably()
    {
        await using var sample = await InteropDatabase.CreateAsync(sample: true);
        var exported = await Exporter(sample).ExportYamlAsync();
        await using var empty = await InteropDatabase.CreateAsync(sample: false);

        var imported = await Import(empty).CommitAsync(ImportFormat.Backstage, [File("export.yaml", exported)]);
        var reimport = await Import(sample).PreviewAsync(ImportFormat.Backstage, [File("export.yaml", exported)]);

        Assert.True(imported.Committed, imported.Message + string.Join("; ", imported.Preview.Errors.Take(5)));
        Assert.Equal(exported, await Exporter(empty).ExportYamlAsync());
        Assert.Equal((await sample.CountsAsync())["nodes"], (await empty.CountsAsync())["nodes"]);
        // The sample's own fields are not all expressible in Backstage (tiers, contracts…): those are kept, nothing is added.
        Assert.True(reimport.CanCommit, string.Join("; ", reimport.Errors.Take(5)));
        Assert.Empty(reimport.Items.Where(i => i.Change is ImportChange.Add or ImportChange.Update && i.EntityType is "Service" or "Configuration item" or "Supplier" or "Domain" or "Relationship")
            .Select(i => $"{i.Key} {i.Change} {string.Join(",", i.ChangedFields)}"));
    }

    [Fact]
    public async Task Export_WritesBackstagesFormat_WithTheKeptFields()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);

        var exported = await Exporter(database).ExportYamlAsync();

        var documents = new YamlDotNet.RepresentationModel.YamlStream();
        documents.Load(new StringReader(exported));
        var kinds = documents.Documents.Select(d => ((YamlDotNet.RepresentationModel.YamlScalarNode)d.RootNode["kind"]).Value).ToList();
        Assert.Equal(["Domain", "System", "Component", "Component", "Component", "API", "Resource", "Resource", "Group", "Group", "User", "User"], kinds);
        Assert.All(documents.Documents, d => Assert.Equal("backstage.io/v1alpha1", ((YamlDotNet.RepresentationModel.YamlScalarNode)d.RootNode["apiVersion"]).Value));
        Assert.Contains("""
            metadata:
              name: booking-web
              title: Booking web
              description: The front end.
              tags:
              - web
              - typescript
              links:
              - url: https://docs.example/booking
                title: Docs
                icon: docs
            """.ReplaceLineEndings("\n"), exported, StringComparison.Ordinal);
        Assert.Contains("  lifecycle: deprecated\n  owner: user:default/ada\n", exported, StringComparison.Ordinal);
        Assert.Contains("  name: cart\n  namespace: shop\n", exported, StringComparison.Ordinal);
        Assert.Contains("  subcomponentOf: component:default/booking-web\n", exported, StringComparison.Ordinal);
        Assert.Contains("  providesApis:\n  - api:default/booking-api\n", exported, StringComparison.Ordinal);
        Assert.Contains("    serviceportal.io/key: CI-BOOKINGS-DB\n", exported, StringComparison.Ordinal);
        Assert.Contains("  type: postgres\n", exported, StringComparison.Ordinal);
        Assert.Contains("  members:\n  - user:default/ada\n  - user:default/grace\n", exported, StringComparison.Ordinal); // grace by the group's spec.members
        Assert.Contains("  type: supplier\n", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_KeepsTagsLinksAnnotationsTypeAndLifecycle_AndDeprecatedStaysLive()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.DoesNotContain(result.Preview.Warnings, w => w.Field is "metadata.tags" or "metadata.links" or "metadata.annotations" or "spec.type");
        await using var db = database.CreateDbContext();
        var web = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "CMP-booking-web");
        Assert.Equal(["web", "typescript"], web.Descriptor.Tags);
        Assert.Equal(["https://docs.example/booking", "https://grafana.example/d/booking"], web.Descriptor.Links.Select(l => l.Url));
        Assert.Equal("Docs", web.Descriptor.Links[0].Title);
        Assert.Equal(["backstage.io/techdocs-ref", "github.com/project-slug"], web.Descriptor.Annotations.Select(a => a.Key));
        Assert.Equal(("website", "production"), (web.Descriptor.Type, web.Descriptor.Lifecycle));
        var legacy = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "CMP-legacy-search");
        Assert.Equal((Lifecycle.Live, true, "deprecated"), (legacy.Lifecycle, legacy.Deprecated, legacy.Descriptor.Lifecycle));
        var db2 = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "CI-BOOKINGS-DB");
        Assert.Empty(db2.Descriptor.Annotations); // the key annotation is the key, not an annotation
        Assert.False(await db.Suppliers.Where(s => s.Key == "GRP-acme-hosting").Select(s => s.IsInternal).SingleAsync());
    }

    [Fact]
    public async Task AReimportWithoutATag_RemovesIt_AndNamesTheChangedField()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog.Replace("tags: [web, typescript]", "tags: [web]", StringComparison.Ordinal))]);

        var web = Assert.Single(preview.Items, i => i.Key == "CMP-booking-web");
        Assert.Equal(ImportChange.Update, web.Change);
        Assert.Equal(["tags"], web.ChangedFields);
    }

    [Fact]
    public async Task ATagChange_IsSaved_Versioned_AndAudited()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog)]);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Catalog.Replace("tags: [web, typescript]", "tags: [web]", StringComparison.Ordinal))]);

        Assert.True(result.Committed);
        await using var db = database.CreateDbContext();
        var web = await db.Nodes.AsNoTracking().SingleAsync(n => n.Key == "CMP-booking-web");
        Assert.Equal(["web"], web.Descriptor.Tags);
        Assert.Equal(2, web.Version);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityName == "CMP-booking-web" && a.Action == ServicePortal.Core.Auditing.AuditAction.Updated).SingleAsync();
        Assert.Contains("Descriptor", audit.Changes, StringComparison.Ordinal);
    }
}
