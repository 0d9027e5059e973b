namespace ServicePortal.Core;

/// <summary>
/// Base of every entity a user edits. <see cref="Version"/> is the optimistic-concurrency token: the
/// <c>AuditingInterceptor</c> increments it on every update, and EF refuses a save whose original
/// version no longer matches the stored row (a concurrent edit), so nothing is overwritten silently.
/// </summary>
public abstract class Entity
{
    public int Id { get; set; }

    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Limits shared by configurations, validation and imports so they never disagree.</summary>
public static class FieldLengths
{
    public const int Key = 64;
    public const int Name = 200;
    public const int Description = 4000;
    public const int Email = 256;
    public const int Short = 100;
    public const int Currency = 3;
}
