using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antonio.Data;

/// <summary>
/// Prepares the commands that ask for it (<see cref="Marker"/> as their first line) on the server before they run.
/// Npgsql keeps a prepared statement on its physical connection across pool rentals, so a hot command is parsed
/// and planned once per connection; after five runs PostgreSQL settles on one generic plan for it and stops
/// planning. The search commands are the reason: their plan took longer to make (7–10 ms) than to run.
/// </summary>
public sealed class PreparedStatements : DbCommandInterceptor
{
    /// <summary>The first line of a command that should be prepared (an SQL comment: harmless when not intercepted).</summary>
    public const string Marker = "-- prepared\n";

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) await command.PrepareAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) command.Prepare();
        return result;
    }
}
