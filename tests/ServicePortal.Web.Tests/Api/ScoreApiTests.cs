using System.Net;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Api;

/// <summary>The common score over the API: a draft is started, its practices changed with versions, published by the CIO with a change note, and compared.</summary>
public class ScoreApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Governance = "governance@demo.local";
    private const string Cio = "cio@demo.local";
    private const string Viewer = "viewer@demo.local";

    [Fact]
    public async Task Draft_IsChangedPublishedWithANote_AndComparedWithThePreviousVersion()
    {
        var governance = await ApiClient.ForAsync(factory, Governance);
        var cio = await ApiClient.ForAsync(factory, Cio);
        var viewer = await ApiClient.ForAsync(factory, Viewer);

        var viewerDraft = await viewer.PostAsync("/api/v1/score/versions/draft", ApiClient.Json("{}"));
        var draft = await governance.PostAsync("/api/v1/score/versions/draft", ApiClient.Json("""{ "title": "Common score (API)" }"""));
        var secondDraft = await governance.PostAsync("/api/v1/score/versions/draft", ApiClient.Json("{}"));
        var noStage = await governance.PostAsync("/api/v1/score/draft/practices", ApiClient.Json("""{ "key": "PRC-API", "name": "API care", "stage": "LATER" }"""));
        var badKpi = await governance.PostAsync("/api/v1/score/draft/practices", ApiClient.Json("""
            { "key": "PRC-API", "name": "API care", "stage": "RUN", "kpis": [{ "name": "Broken calls", "metric": "ErrorRate", "unit": "%", "target": -3 }] }
            """));
        var practice = await governance.PostAsync("/api/v1/score/draft/practices", ApiClient.Json("""
            { "key": "PRC-API", "name": "API care", "stage": "RUN", "purpose": "Integrations keep working.",
              "kpis": [{ "key": "KPI-API-ERRORS", "name": "Failed API calls", "metric": "ErrorRate", "unit": "%", "target": 1, "direction": "AtMost" }] }
            """));
        var changed = await governance.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/score/draft/practices/PRC-API", practice.Headers.ETag!.Tag, """{ "purpose": "Integrations keep working, always." }"""));
        var stale = await governance.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Put, "/api/v1/score/draft/practices/PRC-API", practice.Headers.ETag!.Tag, """{ "purpose": "Lost" }"""));
        var moved = await governance.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Post, "/api/v1/score/draft/practices/PRC-API/move", changed.Headers.ETag!.Tag, """{ "direction": "Left" }"""));
        var draftEtag = (await governance.GetAsync("/api/v1/score/versions/draft")).Headers.ETag!.Tag;
        var byGovernance = await governance.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Post, "/api/v1/score/versions/draft/publish", draftEtag, """{ "changeNote": "Adds API care." }"""));
        var noNote = await cio.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Post, "/api/v1/score/versions/draft/publish", draftEtag, """{ "changeNote": "" }"""));
        var published = await cio.SendAsync(ApiCalls.WithIfMatch(HttpMethod.Post, "/api/v1/score/versions/draft/publish", draftEtag, """{ "changeNote": "Adds API care." }"""));
        var current = await ApiCalls.JsonAsync(await viewer.GetAsync("/api/v1/score/versions/current"));
        var comparison = await ApiCalls.JsonAsync(await viewer.GetAsync("/api/v1/score/compare?from=1&to=2"));
        var readOnly = await governance.PostAsync("/api/v1/score/draft/practices", ApiClient.Json("""{ "key": "PRC-LATE", "name": "Too late", "stage": "RUN" }"""));

        Assert.Equal(HttpStatusCode.Forbidden, viewerDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondDraft.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(noStage)).RootElement.GetProperty("errors").TryGetProperty("stage", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badKpi.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(badKpi)).RootElement.GetProperty("errors").TryGetProperty("kpis", out _));
        Assert.Equal(HttpStatusCode.Created, practice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("BUILD", (await ApiCalls.JsonAsync(moved)).RootElement.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byGovernance.StatusCode);
        Assert.True((await ApiCalls.JsonAsync(noNote)).RootElement.GetProperty("errors").TryGetProperty("changeNote", out _));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal((2, "Published", "Adds API care."), (current.RootElement.GetProperty("version").GetProperty("number").GetInt32(),
            current.RootElement.GetProperty("version").GetProperty("status").GetString(), current.RootElement.GetProperty("version").GetProperty("changeNote").GetString()));
        Assert.Contains(comparison.RootElement.GetProperty("added").EnumerateArray(), p => p.GetProperty("key").GetString() == "PRC-API");
        Assert.Equal(HttpStatusCode.Conflict, readOnly.StatusCode);
    }
}
