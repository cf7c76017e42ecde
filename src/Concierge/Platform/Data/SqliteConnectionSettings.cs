using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Concierge.Platform.Data;

/// <summary>
/// Per-connection SQLite settings. WAL is a property of the database file (set once by the migrator), but the sync mode
/// belongs to each connection: without this, every pooled connection but the migrator's ran at the default FULL and
/// fsynced on every commit, which held the single write turn ~3 ms per message under load. NORMAL in WAL mode still keeps
/// every committed transaction across a process crash; only an operating-system crash or power cut may lose the last
/// moments (PostgreSQL is the production database for that guarantee).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }
}
