using System.Text.Json;

namespace ServicePortal.Core.Auditing;

public static class AuditChanges
{
    public static IReadOnlyDictionary<string, FieldChange> Parse(string? json) =>
        string.IsNullOrEmpty(json)
            ? new Dictionary<string, FieldChange>()
            : JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(json) ?? new Dictionary<string, FieldChange>();
}
