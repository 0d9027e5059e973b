using System.Text;
using Microsoft.EntityFrameworkCore;
using ServicePortal.Core.Cmdb;
using ServicePortal.Core.Interop;

namespace ServicePortal.Core.Tests.Interop;

/// <summary>Backstage's catalog format as its users write it: kinds the portal does not hold, references, keys, JSON, locations.</summary>
public class BackstageFormatTests
{
    private static CatalogImport Import(InteropDatabase database) => new(database, TimeProvider.System);

    private static ImportFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static string Component(string name, string spec = "type: service, lifecycle: production", string? ns = null) => $$"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: {{name}}{{(ns is null ? "" : ", namespace: " + ns)}} }
        spec: { {{spec}} }
        ---

        """;

    [Fact]
    public async Task KindsThePortalDoesNotHold_AreWarningsNamingTheFile_NeverErrors()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = Component("shop-web", "type: website, lifecycle: production") + """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: new-service, title: New service }
            spec:
              owner: team-a
              type: service
              steps: [{ id: fetch, action: fetch:template }]
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: new-library }
            spec: { type: library }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: User
            metadata: { name: jdoe@example.com }
            spec: { memberOf: [team-a] }
            ---
            apiVersion: acme.example/v1
            kind: Pipeline
            metadata: { name: build }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: { name: elsewhere }
            spec:
              type: url
              target: https://github.com/acme/shop/blob/main/catalog-info.yaml
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: { name: widget-store }
            spec: { type: quantum-widget, owner: team-a }
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("all.yaml", yaml)]);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Contains(preview.Warnings, w => w.Where == "all.yaml" && w.Field == "kind" && w.Message.StartsWith("2 Template entities (scaffolder.backstage.io/v1beta3)", StringComparison.Ordinal));
        Assert.Contains(preview.Warnings, w => w.Field == "metadata.name" && w.Where.StartsWith("User jdoe@example.com (all.yaml", StringComparison.Ordinal) && w.Message.EndsWith("the User is not imported", StringComparison.Ordinal));
        Assert.Contains(preview.Warnings, w => w.Where == "all.yaml" && w.Message.StartsWith("1 Pipeline entity (acme.example/v1)", StringComparison.Ordinal));
        Assert.Contains(preview.Warnings, w => w.Field == "spec.target" && w.Message.Contains("https://github.com/acme/shop/blob/main/catalog-info.yaml", StringComparison.Ordinal));
        var type = Assert.Single(preview.Warnings, w => w.Field == "spec.type" && w.Where.StartsWith("Resource", StringComparison.Ordinal));
        Assert.Contains("Resource widget-store (all.yaml", type.Where, StringComparison.Ordinal);
        Assert.Contains("'quantum-widget'", type.Message, StringComparison.Ordinal);
        Assert.Equal(2, preview.AddCount);
    }

    [Fact]
    public async Task FieldsThePortalDoesNotKeep_AreNamedPerFile_NotDroppedSilently()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata:
              name: orders-api
              tags: [rest]
              links: [{ url: https://docs.example/orders, title: Docs }]
              annotations: { serviceportal.io/key: API-ORDERS }
            spec: { type: openapi, lifecycle: production, definition: "openapi: 3.0.0" }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: orders
              tags: [java]
              labels: { tier: gold }
              annotations: { github.com/project-slug: acme/orders }
            spec: { type: service, lifecycle: production }
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("orders.yaml", yaml)]);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        var named = preview.Warnings.Where(w => w.Where == "orders.yaml").ToDictionary(w => w.Field, w => w.Message);
        Assert.StartsWith("1 entity has metadata.labels", named["metadata.labels"], StringComparison.Ordinal);
        Assert.StartsWith("1 entity has spec.definition", named["spec.definition"], StringComparison.Ordinal);
        Assert.Equal(["metadata.labels", "spec.definition"], named.Keys.Order(StringComparer.Ordinal)); // tags, links, annotations and spec.type are kept
        Assert.Contains(preview.Items, i => i.Key == "API-ORDERS");
    }

    [Fact]
    public async Task APortalKindOutsideABackstageApiVersion_IsStillAnErrorInBackstagesTerms()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("c.yaml", "apiVersion: acme/v1\nkind: Component\nmetadata: { name: x }\n")]);

        Assert.False(preview.CanCommit);
        Assert.Contains(preview.Errors, e => e.Field == "apiVersion" && e.Where.StartsWith("Component x (c.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task References_MatchCaseInsensitively_WithEachFieldsDefaultKind_AndTheEntitysNamespace()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = """
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata: { name: team-a, namespace: shop }
            spec: { type: team, children: [] }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata: { name: checkout, namespace: shop }
            spec: { owner: Team-A }
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: { name: cart-db, namespace: shop }
            spec: { type: database, owner: GROUP:Shop/TEAM-A }
            ---

            """ + Component("cart", "type: service, lifecycle: production, owner: team-a, system: CHECKOUT, dependsOn: [Resource:cart-db], providesApis: [Cart-API]", ns: "shop") + """
            apiVersion: backstage.io/v1alpha1
            kind: API
            metadata: { name: cart-api, namespace: shop }
            spec: { type: openapi, lifecycle: production, owner: team-a, definition: "openapi: 3.0.0" }
            """;

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("shop.yaml", yaml)]);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        var edges = preview.Items.Where(i => i.EntityType == "Relationship").Select(i => i.Key).ToHashSet();
        Assert.Contains("SYS-shop..checkout ProvidedBy GRP-shop..team-a", edges);
        Assert.Contains("RES-shop..cart-db ProvidedBy GRP-shop..team-a", edges);
        Assert.Contains("CMP-shop..cart PartOf SYS-shop..checkout", edges);
        Assert.Contains("CMP-shop..cart DependsOn RES-shop..cart-db", edges);
        Assert.Contains("API-shop..cart-api ProvidedBy CMP-shop..cart", edges);
        Assert.DoesNotContain(preview.Warnings, w => w.Message.Contains("neither", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReferenceOutsideTheUpload_MatchesAPortalEntryCaseInsensitively()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var first = await Import(database).CommitAsync(ImportFormat.Backstage, [File("org.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team }\n")]);
        Assert.True(first.Committed, first.Message);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", Component("web", "type: website, lifecycle: production, owner: group:default/TEAM-A"))]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Contains(result.Preview.Items, i => i.Key == "CMP-web ProvidedBy GRP-team-a" && i.Change == ImportChange.Add);
        Assert.DoesNotContain(result.Preview.Warnings, w => w.Field == "spec.owner");
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Relationships.CountAsync(r => r.Type == RelationshipType.ProvidedBy && r.Target!.Key == "GRP-team-a"));
    }

    [Fact]
    public async Task ADomainOutsideTheUploadAndThePortal_IsAWarning_AndTheSystemImportsWithoutIt()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var yaml = "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: billing }\nspec: { owner: team-x, domain: finance }\n";

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("catalog-info.yaml", yaml)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Contains(result.Preview.Warnings, w => w.Field == "spec.domain" && w.Message.Contains("'finance'", StringComparison.Ordinal));
        Assert.Contains(result.Preview.Warnings, w => w.Field == "spec.owner" && w.Message.Contains("'team-x'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysOfDifferentEntitiesNeverCollide_AndNamesUpToBackstagesLimitsAreAccepted()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var longName = new string('a', 62) + "1";
        var otherLongName = new string('a', 62) + "2";
        var longNamespace = new string('n', 63);
        var yaml = Component("shop.cart") + Component("cart", ns: "shop") + Component(longName) + Component(otherLongName) + Component(longName, ns: longNamespace)
            + Component(longName, ns: "other");

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("keys.yaml", yaml)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        var keys = result.Preview.Items.Select(i => i.Key).ToList();
        Assert.Equal(6, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("CMP-shop.cart", keys);
        Assert.Contains("CMP-shop..cart", keys);
        Assert.All(keys, k => Assert.True(TextRules.IsKey(k), k));
        var again = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("keys.yaml", yaml)]);
        Assert.Equal(6, again.UnchangedCount);
    }

    [Theory]
    [InlineData("shop..cart")]
    [InlineData("-cart")]
    [InlineData("cart_")]
    public async Task ANameBackstageWouldRefuse_IsAnErrorOnMetadataName(string name)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage, [File("c.yaml", Component($"\"{name}\""))]);

        Assert.False(preview.CanCommit);
        Assert.Contains(preview.Errors, e => e.Field == "metadata.name" && e.Message.Contains(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"web","namespace":"default"},"spec":{"type":"website","lifecycle":"production","owner":"group:default/team-a"},"relations":[{"type":"ownedBy","targetRef":"group:default/team-a"}]},{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"team-a","namespace":"default"},"spec":{"type":"team","children":[]},"relations":[{"type":"ownerOf","targetRef":"component:default/web"}]}]""")]
    [InlineData("""{"items":[{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"web","namespace":"default"},"spec":{"type":"website","lifecycle":"production","owner":"group:default/team-a"},"relations":[{"type":"ownedBy","targetRef":"group:default/team-a"}]},{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"team-a","namespace":"default"},"spec":{"type":"team","children":[]}}],"totalItems":2,"pageInfo":{}}""")]
    public async Task TheCatalogRestApisJson_ImportsLikeYaml(string json)
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);

        var result = await Import(database).CommitAsync(ImportFormat.Backstage, [File("entities.json", json)]);

        Assert.True(result.Committed, result.Message + string.Join("; ", result.Preview.Errors));
        Assert.Equal(["CMP-web", "CMP-web ProvidedBy GRP-team-a", "GRP-team-a"], result.Preview.Items.Select(i => i.Key).Order(StringComparer.Ordinal));
        Assert.Empty(result.Preview.Warnings); // nothing about relations or kinds, and spec.type is kept
    }

    [Fact]
    public async Task ALocationsTargetsAmongTheUploadedFiles_AreFollowed_OthersAreNamed()
    {
        await using var database = await InteropDatabase.CreateAsync(sample: false);
        var location = """
            apiVersion: backstage.io/v1alpha1
            kind: Location
            metadata: { name: root }
            spec:
              targets: [./services/web/catalog-info.yaml, ./teams.yaml, ./services/missing.yaml]
            """;
        var teams = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team }\n";

        var preview = await Import(database).PreviewAsync(ImportFormat.Backstage,
            [File("all.yaml", location), File("teams.yaml", teams), File("catalog-info.yaml", Component("web", "type: website, lifecycle: production, owner: team-a"))]);

        Assert.True(preview.CanCommit, string.Join("; ", preview.Errors));
        Assert.Contains(preview.Items, i => i.Key == "CMP-web ProvidedBy GRP-team-a");
        var warning = Assert.Single(preview.Warnings, w => w.Field.StartsWith("spec.target", StringComparison.Ordinal));
        Assert.Equal("spec.targets", warning.Field);
        Assert.StartsWith("Location root (all.yaml", warning.Where, StringComparison.Ordinal);
        Assert.Contains("'./services/missing.yaml' is not among the uploaded files", warning.Message, StringComparison.Ordinal);
    }
}
