using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// Schema migrations of the embedded store, versioned in code: step N brings <c>PRAGMA user_version</c> from N-1 to N
/// inside one transaction. Append steps; never edit a released one.
/// </summary>
public static class EmbeddedSchema
{
    private static readonly string[] Steps =
    [
        // 1: bars keyed by (symbol, timeframe, open time); records keyed like Cosmos DB items (container, pk, id).
        """
        CREATE TABLE bars (
            symbol TEXT NOT NULL,
            timeframe INTEGER NOT NULL,
            open_time INTEGER NOT NULL,
            open REAL NOT NULL,
            high REAL NOT NULL,
            low REAL NOT NULL,
            close REAL NOT NULL,
            volume TEXT NOT NULL,
            trades INTEGER NOT NULL,
            source TEXT NOT NULL,
            code_version TEXT NOT NULL,
            raw_key TEXT NULL,
            written_at TEXT NOT NULL,
            PRIMARY KEY (symbol, timeframe, open_time)
        ) WITHOUT ROWID;
        CREATE TABLE records (
            container TEXT NOT NULL,
            pk TEXT NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            etag TEXT NOT NULL,
            expires_at INTEGER NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (container, pk, id)
        ) WITHOUT ROWID;
        CREATE INDEX records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
        """,
    ];

    /// <summary>The version a fully migrated file has.</summary>
    public static int LatestVersion => Steps.Length;

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version > Steps.Length)
        {
            throw new InvalidOperationException(
                $"The embedded store '{connection.DataSource}' has schema version {version}, newer than this code's {Steps.Length}: upgrade MarketIntel or use another Storage:DataPath.");
        }

        for (var step = version; step < Steps.Length; step++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
