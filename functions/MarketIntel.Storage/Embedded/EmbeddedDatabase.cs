using MarketIntel.Storage.Configuration;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The embedded store's single SQLite file (<c>marketintel.db</c> under the data folder) in WAL mode, migrated on
/// first use by the versioned steps in <see cref="EmbeddedSchema"/>. Thread-safe: each operation opens a pooled connection.
/// <para>Checkpoints (copying the write-ahead log into the file, with two fsyncs) run on a background task after writes
/// (<see cref="Written"/>), not inside whichever commit crosses SQLite's automatic threshold: a checkpoint's fsyncs take
/// tens of milliseconds, and a request's write should not wait for them. SQLite's automatic checkpoint stays on at a
/// higher threshold (<see cref="AutomaticCheckpointPages"/>) so the log stays bounded even if the background task cannot
/// keep up.</para>
/// </summary>
public sealed class EmbeddedDatabase
{
    public const string FileName = "marketintel.db";

    /// <summary>The log size (pages of 4 KB) at which a commit checkpoints itself: 10 times SQLite's default.</summary>
    public const int AutomaticCheckpointPages = 10_000;

    /// <summary>How long the background checkpoint waits after a write, so that a burst of writes is checkpointed once.</summary>
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromMilliseconds(250);

    private readonly string connectionString;
    private readonly AsyncOnce migration;
    private long _writes;
    private int _checkpointing;

    public EmbeddedDatabase(string dataPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        DataPath = Path.GetFullPath(dataPath);
        FilePath = Path.Combine(DataPath, FileName);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        migration = new AsyncOnce(MigrateAsync);
    }

    public string DataPath { get; }

    public string FilePath { get; }

    /// <summary>An open connection on a migrated database, with the per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!migration.Completed)
        {
            await migration.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checkpoints done by the background task (for tests and metrics).</summary>
    public long BackgroundCheckpoints { get; private set; }

    /// <summary>
    /// Tells the database that a write committed: starts the background checkpoint unless it is already running, which
    /// then checkpoints after <see cref="CheckpointDelay"/> and again as long as writes keep coming, and stops when they do.
    /// </summary>
    public void Written()
    {
        Interlocked.Increment(ref _writes);
        if (Interlocked.CompareExchange(ref _checkpointing, 1, 0) == 0)
        {
            _ = Task.Run(CheckpointWhileWrittenAsync);
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

    private async Task CheckpointWhileWrittenAsync()
    {
        try
        {
            long seen;
            do
            {
                seen = Volatile.Read(ref _writes);
                await Task.Delay(CheckpointDelay).ConfigureAwait(false);
                await using var connection = await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
                // PASSIVE: copies what no reader still needs and never blocks readers or writers.
                await EmbeddedSchema.ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);", CancellationToken.None).ConfigureAwait(false);
                BackgroundCheckpoints++;
            }
            while (Volatile.Read(ref _writes) != seen);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The folder may be gone (a deleted test directory) or the file busy: nothing is lost, the log is only
            // checkpointed later, by the next write's task or by SQLite's automatic checkpoint.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await EmbeddedSchema.ExecuteAsync(connection, $"PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={AutomaticCheckpointPages};", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
