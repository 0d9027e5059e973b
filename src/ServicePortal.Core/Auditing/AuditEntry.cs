namespace ServicePortal.Core.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    Retired,
    Published,
}

/// <summary>One recorded change of a governed entity: who, when, what, and the field values before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string UserName { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public string? EntityName { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>JSON object: field → { "old": …, "new": … }.</summary>
    public string? Changes { get; set; }
}
