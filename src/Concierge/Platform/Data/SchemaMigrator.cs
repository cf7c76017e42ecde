using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Platform.Data;

/// <summary>
/// Versioned schema migrations that upgrade an existing database in place. Each migration is a pair of embedded SQL files,
/// <c>Migrations/NNNN_name.sqlite.sql</c> and <c>Migrations/NNNN_name.postgres.sql</c>, applied in order inside a transaction
/// and recorded in <c>schema_migrations</c>. See docs/decisions/ADR-002-migrations.md for why not EF's migration tooling.
/// </summary>
public sealed partial class SchemaMigrator(ConciergeDb db, ILogger<SchemaMigrator> log)
{
    public sealed record MigrationScript(string Version, string Name, string Sql);

    public static IReadOnlyList<MigrationScript> Available(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var suffix = $".{provider}.sql";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^suffix.Length];
                var match = VersionPattern().Match(file);
                if (!match.Success) throw new InvalidOperationException($"Migration resource '{n}' is not named NNNN_name.");
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new MigrationScript(match.Groups[1].Value, match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToList();
    }

    public string Provider => db.Database.IsNpgsql() ? "postgres" : "sqlite";

    /// <summary>Applies every migration not yet recorded (up to and including <paramref name="upTo"/> when given).
    /// Safe to call at every start and from several nodes at once.</summary>
    public async Task<IReadOnlyList<string>> Migrate(CancellationToken ct, string? upTo = null)
    {
        var provider = Provider;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (provider == "sqlite")
            {
                // WAL lets the inbox read while a message is being written; NORMAL sync in WAL mode keeps every committed
                // transaction across a process crash.
                await Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", ct);
            }
            else
            {
                // Nodes starting together: one migrates, the others wait here and then find nothing to do.
                await Execute(connection, null, "SELECT pg_advisory_lock(727274)", ct);
            }
            await Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)", ct);

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
            }

            var done = new List<string>();
            foreach (var migration in Available(provider).Where(m => !applied.Contains(m.Version) && (upTo is null || string.CompareOrdinal(m.Version, upTo) <= 0)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, migration.Sql, ct);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @a)";
                    AddParameter(record, "@v", migration.Version);
                    AddParameter(record, "@n", migration.Name);
                    AddParameter(record, "@a", DateTimeOffset.UtcNow.ToString("O"));
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Version} {Name} ({Provider})", migration.Version, migration.Name, provider);
                done.Add(migration.Version);
            }
            if (provider == "postgres") await Execute(connection, null, "SELECT pg_advisory_unlock(727274)", ct);
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    [GeneratedRegex(@"^(\d{4})_(\w+)$")]
    private static partial Regex VersionPattern();
}
