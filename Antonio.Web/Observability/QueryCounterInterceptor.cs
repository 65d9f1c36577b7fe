using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antonio.Web.Observability;

/// <summary>
/// Counts every SQL command EF Core sends, per request (for Server-Timing and the budgets' tests)
/// and in total for the process.
/// </summary>
public sealed class QueryCounterInterceptor(RequestStatsAccessor stats) : DbCommandInterceptor
{
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    private void Count(CommandExecutedEventData data)
    {
        Interlocked.Increment(ref _total);
        stats.Current?.AddQuery(data.Duration);
    }

    private void CountFailed(CommandErrorEventData data)
    {
        Interlocked.Increment(ref _total);
        stats.Current?.AddQuery(data.Duration);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    { Count(eventData); return result; }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    { Count(eventData); return ValueTask.FromResult(result); }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    { Count(eventData); return result; }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    { Count(eventData); return ValueTask.FromResult(result); }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    { Count(eventData); return result; }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    { Count(eventData); return ValueTask.FromResult(result); }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => CountFailed(eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    { CountFailed(eventData); return Task.CompletedTask; }
}
