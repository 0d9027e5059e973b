using Microsoft.AspNetCore.Components;
using ServicePortal.Web.Features.Shared.Legacy;
using ServicePortal.Web.Tests.Support;

namespace ServicePortal.Web.Tests.Components;

public class WhenLoadedTests
{
    private static readonly RenderFragment Form = builder => builder.AddMarkupContent(0, "<form data-testid=\"the-form\"></form>");

    [Fact]
    public async Task TheFormWaitsBehindAProgressBar_UntilItsDataHasArrived()
    {
        await using var rendering = new ComponentRendering();

        var loading = await rendering.RenderAsync<WhenLoaded>(new Dictionary<string, object?> { ["Loaded"] = false, ["ChildContent"] = Form });
        var loaded = await rendering.RenderAsync<WhenLoaded>(new Dictionary<string, object?> { ["Loaded"] = true, ["ChildContent"] = Form });

        Assert.Null(loading.QuerySelector("[data-testid=the-form]"));
        Assert.NotNull(loading.QuerySelector("[data-testid=dialog-loading]"));
        Assert.NotNull(loaded.QuerySelector("[data-testid=the-form]"));
        Assert.Null(loaded.QuerySelector("[data-testid=dialog-loading]"));
    }
}
