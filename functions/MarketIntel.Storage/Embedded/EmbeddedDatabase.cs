using MarketIntel.Storage.Configuration;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The embedded store's single SQLite file (<c>marketintel.db</c> under the data folder) in WAL mode, migrated on
/// first use by the versioned steps in <see cref="EmbeddedSchema"/>. Thread-safe: each operation opens a pooled connection.
/// </summary>
public sealed class EmbeddedDatabase
{
    public const string FileName = "marketintel.db";

    /// <summary>How often, at most, the log's size is looked at while the database is in use.</summary>
    public static readonly TimeSpan BackgroundCheckpointInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The log size from which a background checkpoint starts (about 2,000 pages).</summary>
    public const long BackgroundCheckpointLogBytes = 8L << 20;

    private readonly string connectionString;
    private readonly string checkpointConnectionString;
    private readonly long checkpointLogBytes;
    private readonly AsyncOnce migration;
    private long lastCheckpointStarted;
    private int checkpointRunning;

    public EmbeddedDatabase(string dataPath)
        : this(dataPath, BackgroundCheckpointLogBytes)
    {
    }

    /// <param name="dataPath">The data folder.</param>
    /// <param name="checkpointLogBytes">The log size from which a background checkpoint starts (tests make it small).</param>
    public EmbeddedDatabase(string dataPath, long checkpointLogBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointLogBytes);
        this.checkpointLogBytes = checkpointLogBytes;
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        DataPath = Path.GetFullPath(dataPath);
        FilePath = Path.Combine(DataPath, FileName);
        connectionString = ConnectionString(FilePath, SqliteOpenMode.ReadWriteCreate, pooling: true);

        // Never creates the file (a test may have deleted its folder) and is not pooled (closed as soon as it is done).
        checkpointConnectionString = ConnectionString(FilePath, SqliteOpenMode.ReadWrite, pooling: false);
        migration = new AsyncOnce(MigrateAsync);
    }

    /// <summary>Background checkpoints started so far (for tests).</summary>
    public int BackgroundCheckpoints => backgroundCheckpoints;

    private int backgroundCheckpoints;

    public string DataPath { get; }

    public string FilePath { get; }

    /// <summary>An open connection on a migrated database, with the per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!migration.Completed)
        {
            await migration.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        StartBackgroundCheckpointIfDue();
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the write-ahead log into the database file on a thread-pool thread (a PASSIVE checkpoint: it never blocks a
    /// writer or a reader) once the log has grown past <see cref="BackgroundCheckpointLogBytes"/>, looked at no more than
    /// every <see cref="BackgroundCheckpointInterval"/> while the database is used (a small log, as most uses and tests
    /// have, never starts one; SQLite reuses a checkpointed log from its start without shrinking the file, so a busy
    /// database keeps being checkpointed in the background). Why: a
    /// checkpoint ends with an fsync of the database file, and when SQLite's own (the 10,000-page bound below) runs, it
    /// runs inside the writer's commit, stalling the tick path for up to tens of milliseconds; done in the background the
    /// writer's bound is reached rarely and finds little left to copy. Durability is unchanged: committed transactions are
    /// in the log either way; a checkpoint only moves them. A checkpoint that fails (the file is busy or gone) is simply
    /// tried again at the next interval.
    /// </summary>
    private void StartBackgroundCheckpointIfDue()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastCheckpointStarted);
        if (now - last < (long)BackgroundCheckpointInterval.TotalMilliseconds
            || Interlocked.CompareExchange(ref lastCheckpointStarted, now, last) != last
            || !LogIsLarge()
            || Interlocked.CompareExchange(ref checkpointRunning, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Increment(ref backgroundCheckpoints);
        _ = Task.Run(() =>
        {
            try
            {
                using var connection = new SqliteConnection(checkpointConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout=0; PRAGMA wal_checkpoint(PASSIVE);";
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy, or the file is gone: the next interval tries again, and the writer's own bound still holds.
            }
            finally
            {
                Volatile.Write(ref checkpointRunning, 0);
            }
        });
    }

    private static string ConnectionString(string file, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Cache = SqliteCacheMode.Private, Pooling = pooling }.ToString();

    private bool LogIsLarge()
    {
        try
        {
            var log = new FileInfo(FilePath + "-wal");
            return log.Exists && log.Length >= checkpointLogBytes;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The schema version the file is at (<c>PRAGMA user_version</c>).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await EmbeddedSchema.ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        SqliteConnection connection;
        try
        {
            Directory.CreateDirectory(DataPath);
            connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new StorageConfigurationException($"{StorageSettings.Keys.DataPath} '{DataPath}' cannot hold the embedded store ({e.Message}): point it at a writable folder.", e);
        }

        await using var disposeConnection = connection;
        // WAL is a property of the file: readers never block the writer, and a crash mid-batch rolls back cleanly.
        await EmbeddedSchema.ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        await EmbeddedSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // The write-ahead log is copied into the database every 10,000 pages (40 MB) rather than SQLite's 1,000: the tick
            // path rewrites the same hot pages (states, watermarks, the newest bars) every batch, and a checkpoint copies each
            // page once however often it changed since the last one, so fewer checkpoints copy far less (about 20% more ticks/s
            // measured with 1,000-message batches; the bound keeps the log and a reader's search of it small).
            await EmbeddedSchema.ExecuteAsync(connection, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
