using System.Text.Json;
using Antonio.Data.Admin;

namespace Antonio.Web.Auditing;

/// <summary>
/// Builds the audit row every admin write adds in its own transaction: who, what, when, and the
/// state before and after as JSON (null before = created, null after = removed).
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntry Entry(Guid? actorId, string action, string entityType, Guid entityId, object? before, object? after, DateTimeOffset at) => new()
    {
        UserId = actorId, Action = action, EntityType = entityType, EntityId = entityId,
        Before = ToDocument(before), After = ToDocument(after), CreatedAt = at,
    };

    private static JsonDocument? ToDocument(object? value) => value switch
    {
        null => null,
        JsonDocument document => document,
        _ => JsonSerializer.SerializeToDocument(value, value.GetType(), Json),
    };
}
