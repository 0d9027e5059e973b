namespace ServicePortal.Core.Cmdb;

/// <summary>How relationship types read in sentences and labels.</summary>
public static class RelationshipText
{
    /// <summary>"Source {verb} Target".</summary>
    public static string Verb(RelationshipType type) => type switch
    {
        RelationshipType.DependsOn => "depends on",
        RelationshipType.RunsOn => "runs on",
        RelationshipType.ProvidedBy => "is provided by",
        RelationshipType.PartOf => "is part of",
        _ => "connects to",
    };

    /// <summary>"Source cannot {infinitive} itself": depend on, run on, be provided by, be part of, connect to.</summary>
    public static string Infinitive(RelationshipType type) => type switch
    {
        RelationshipType.DependsOn => "depend on",
        RelationshipType.RunsOn => "run on",
        RelationshipType.ProvidedBy => "be provided by",
        RelationshipType.PartOf => "be part of",
        _ => "connect to",
    };

    /// <summary>A label short enough for a diagram's edge.</summary>
    public static string Short(RelationshipType type) => type switch
    {
        RelationshipType.ProvidedBy => "provided by",
        RelationshipType.PartOf => "part of",
        RelationshipType.ConnectsTo => "connects",
        _ => Verb(type),
    };

    /// <summary>The same edge read from the target: "Target {inverse} Source".</summary>
    public static string Inverse(RelationshipType type) => type switch
    {
        RelationshipType.DependsOn => "is depended on by",
        RelationshipType.RunsOn => "hosts",
        RelationshipType.ProvidedBy => "provides",
        RelationshipType.PartOf => "contains",
        _ => "is connected from",
    };
}
