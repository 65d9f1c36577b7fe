using System.Runtime.CompilerServices;
using System.Text.Json;
using Antonio.Data;
using Antonio.Data.Mail;

namespace Antonio.Web.Mail;

/// <summary>
/// Queues e-mail. A message is added to the caller's DbContext, so it is committed — and later sent —
/// exactly when the change that causes it is, and never when that change rolls back. This node's
/// dispatcher is woken when the commit happens (<see cref="OutboxWakeInterceptor"/>); other nodes find
/// the row on their next poll.
/// </summary>
public sealed class Outbox(TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Contexts holding queued messages not yet committed.</summary>
    internal static readonly ConditionalWeakTable<AntonioDbContext, object> Pending = new();

    public OutboxMessage Add(AntonioDbContext db, string kind, string recipient, object? payload = null)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(), Kind = kind, Recipient = recipient.Trim(),
            Payload = payload is null ? null : JsonSerializer.SerializeToDocument(payload, payload.GetType(), Json),
            Status = OutboxStatus.Queued, NextAttemptAt = now, CreatedAt = now,
        };
        db.OutboxMessages.Add(message);
        Pending.AddOrUpdate(db, message);
        return message;
    }

    /// <summary>Reads a payload written by <see cref="Add"/>.</summary>
    public static T? Payload<T>(OutboxMessage message) => message.Payload is null ? default : message.Payload.Deserialize<T>(Json);
}
