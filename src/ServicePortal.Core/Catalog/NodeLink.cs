namespace ServicePortal.Core.Catalog;

/// <summary>
/// A reference to a node wherever one is shown, picked or linked (pickers, dashboard, impact, health): its detail page
/// follows from its type and key; <see cref="Label"/> is how a picker names it.
/// </summary>
public sealed record NodeLink(int Id, string Key, string Name, NodeType NodeType)
{
    public string Label => $"{Name} ({Key})";
}
