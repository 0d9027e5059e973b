using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ServicePortal.Web.Features.Cmdb;

/// <summary>
/// An SVG &lt;text&gt; element. Razor reserves the &lt;text&gt; tag, so it is built with the render tree; the content is
/// added as text (encoded), never as markup.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter]
    public string X { get; set; } = "0";

    [Parameter]
    public string Y { get; set; } = "0";

    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "class", Class);
        builder.AddContent(4, Text);
        builder.CloseElement();
    }
}
