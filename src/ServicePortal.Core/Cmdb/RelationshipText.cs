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
