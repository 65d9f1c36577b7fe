using System.Text.Json;

namespace Antonio.Data.Admin;

/// <summary>Who changed what, when, with the state before and after (admin writes).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>e.g. content.update, content.publish, purchase.refund.</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
