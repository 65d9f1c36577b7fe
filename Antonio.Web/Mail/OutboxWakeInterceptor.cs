using System.Data.Common;
using Antonio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antonio.Web.Mail;

/// <summary>
/// Wakes the dispatcher once queued messages are committed: after SaveChanges outside a transaction, or
/// when the caller's transaction commits. (Before the commit the dispatcher could not see the rows.)
/// </summary>
public sealed class OutboxWakeInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private void WakeIfQueued(DbContext? context, bool committed)
    {
        if (context is not AntonioDbContext db || !Outbox.Pending.TryGetValue(db, out _)) return;
        if (!committed && db.Database.CurrentTransaction is not null) return; // wait for the commit
        Outbox.Pending.Remove(db);
        signal.Set();
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfQueued(eventData.Context, committed: false);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfQueued(eventData.Context, committed: false);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WakeIfQueued(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => WakeIfQueued(eventData.Context, committed: true);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AntonioDbContext db) Outbox.Pending.Remove(db);
        return Task.CompletedTask;
    }
}
