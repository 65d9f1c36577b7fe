using System.Net.Sockets;
using Npgsql;

namespace Antonio.Web.Hosting;

/// <summary>
/// Whether an exception means "the database can't be reached" (refused, unknown host, timed out,
/// bad credentials, missing database, shutting down). Such failures become a 503 page, a degraded
/// streamed section, or a one-line start-up error — never a 500 with a stack trace.
/// </summary>
public static class DatabaseOutage
{
    public static bool IsOutage(Exception e) => e is SocketException or TimeoutException
        || e is NpgsqlException { InnerException: SocketException or TimeoutException or System.IO.IOException or EndOfStreamException }
        || e is NpgsqlException { IsTransient: true }
        || e is PostgresException { SqlState: "3D000" or "28P01" or "28000" or "57P01" or "57P02" or "57P03" }
        || (e.InnerException is { } inner && IsOutage(inner));
}
