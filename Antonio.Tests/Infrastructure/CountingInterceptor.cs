using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antonio.Tests.Infrastructure;

/// <summary>Counts SQL commands on a test's own DbContext.</summary>
public sealed class CountingInterceptor : DbCommandInterceptor
{
    private int _count;
    public int Count => _count;

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}
