using System.Text;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// Result envelopes in the embedded SQLite file, one row per (container, partition key, id) holding the same JSON
/// document Cosmos DB stores. ETags are random per write; conditional writes compare them inside one statement.
/// Expired records (time to live) are invisible at once and deleted by <see cref="PurgeExpiredAsync"/>.
/// </summary>
public sealed class EmbeddedRecordStore : IRecordStore, IRecordExpiry
{
    private readonly EmbeddedDatabase database;
    private readonly TimeProvider timeProvider;
    private readonly AsyncOnce purgeOnStart;

    public EmbeddedRecordStore(EmbeddedDatabase database, TimeProvider timeProvider)
    {
        this.database = database;
        this.timeProvider = timeProvider;
        // Cosmos DB deletes expired items in the background; here they go once per process, at first use.
        purgeOnStart = new AsyncOnce(PurgeExpiredAsync);
    }

    public async Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var (document, json) = RecordCodec.Encode(record, now);
        var etag = NewETag();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var create = new RecordRowStatement(connection, CreateRowSql))
        {
            if (create.Execute(record.Kind.Container, document, etag, ExpiresAt(document, now), json, now.ToUnixTimeMilliseconds()) == 1)
            {
                return new RecordWriteResult<T>(RecordCodec.Stored(record, document, etag), WriteOutcome.Created);
            }
        }

        var existing = await ReadDocumentAsync(connection, record.Kind, record.PartitionKey, record.Id, now, cancellationToken).ConfigureAwait(false)
            ?? throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, null);
        return new RecordWriteResult<T>(RecordCodec.FromDocument<T>(existing, record.Kind), WriteOutcome.AlreadyExisted);
    }

    public async Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var (document, json) = RecordCodec.Encode(record, now);
        var etag = NewETag();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var statement = new RecordRowStatement(connection, record.ETag is null ? UpsertRowSql : ReplaceRowSql);
        if (statement.Execute(record.Kind.Container, document, etag, ExpiresAt(document, now), json, now.ToUnixTimeMilliseconds(), record.ETag) != 1)
        {
            throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, record.ETag);
        }

        return RecordCodec.Stored(record, document, etag);
    }

    /// <summary>All the records in one transaction with one prepared statement: all written or none.</summary>
    public async Task UpsertManyAsync<T>(IReadOnlyList<RecordEnvelope<T>> records, CancellationToken cancellationToken = default)
    {
        RecordBatches.RequireUnconditional(records);
        if (records.Count == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        // Every record is encoded (and so validated) before anything is written.
        using var rows = EncodedRecords.Of(records, now);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var upsert = new RecordRowStatement(connection, UpsertRowSql))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = rows.Document(i);
                upsert.Execute(records[i].Kind.Container, document, NewETag(), ExpiresAt(document, now), rows.Json(i), now.ToUnixTimeMilliseconds());
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var document = await ReadDocumentAsync(connection, kind, partitionKey, id, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return document is null || document.Kind != kind.Name ? null : RecordCodec.FromDocument<T>(document, kind);
    }

    public async Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default)
    {
        RecordCodec.ValidateQuery(kind, partitionKey, query);
        var after = query.ContinuationToken is null ? null : DecodeToken(query.ContinuationToken);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Keyset paging on the primary key: ordinal id order, as Cosmos DB orders ids. Only the bounds given are in the
        // statement, so that SQLite seeks the key range instead of scanning the partition ("x IS NULL OR" defeats that).
        var sql = new StringBuilder("""
            SELECT etag, body FROM records
            WHERE container = $container AND pk = $pk AND kind = $kind
              AND (expires_at IS NULL OR expires_at > $now)
            """);
        command.Parameters.AddWithValue("$container", kind.Container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$kind", kind.Name);
        command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        if (after is not null)
        {
            sql.Append(" AND id > $after");
            command.Parameters.AddWithValue("$after", after);
        }

        // The inclusive lower bounds (the prefix, IdFrom) and the exclusive upper ones (the prefix's end, IdTo) each folded
        // into one SQL max()/min() (byte order, as the index compares), so the seek uses the tightest of them.
        var lowers = new List<string>();
        var uppers = new List<string>();
        if (query.IdPrefix is not null)
        {
            // The prefix's exact test, and its key range: [prefix, prefix with its last ASCII character incremented).
            sql.Append(" AND substr(id, 1, length($prefix)) = $prefix");
            command.Parameters.AddWithValue("$prefix", query.IdPrefix);
            lowers.Add("$prefix");
            if (query.IdPrefix.Length > 0 && query.IdPrefix[^1] < '\u007f')
            {
                command.Parameters.AddWithValue("$prefixEnd", string.Concat(query.IdPrefix.AsSpan(0, query.IdPrefix.Length - 1), ((char)(query.IdPrefix[^1] + 1)).ToString()));
                uppers.Add("$prefixEnd");
            }
        }

        if (query.IdFrom is not null)
        {
            command.Parameters.AddWithValue("$idFrom", query.IdFrom);
            lowers.Add("$idFrom");
        }

        if (query.IdTo is not null)
        {
            command.Parameters.AddWithValue("$idTo", query.IdTo);
            uppers.Add("$idTo");
        }

        if (lowers.Count > 0)
        {
            sql.Append(lowers.Count == 1 ? $" AND id >= {lowers[0]}" : $" AND id >= max({string.Join(", ", lowers)})");
        }

        if (uppers.Count > 0)
        {
            sql.Append(uppers.Count == 1 ? $" AND id < {uppers[0]}" : $" AND id < min({string.Join(", ", uppers)})");
        }

        sql.Append(" ORDER BY id LIMIT $limit;");
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        var records = new List<RecordEnvelope<T>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (records.Count == query.PageSize)
            {
                return new RecordPage<T>(records, EncodeToken(records[^1].Id));
            }

            records.Add(RecordCodec.FromDocument<T>(Parse(reader.GetString(0), reader.GetString(1)), kind));
        }

        return new RecordPage<T>(records, null);
    }

    public async Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var now = timeProvider.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM records WHERE container = $container AND pk = $pk AND id = $id
              AND ($ifMatch IS NULL OR etag = $ifMatch) AND (expires_at IS NULL OR expires_at > $now);
            """;
        command.Parameters.AddWithValue("$container", kind.Container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$ifMatch", (object?)ifMatchETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return true;
        }

        if (ifMatchETag is not null && await ReadDocumentAsync(connection, kind, partitionKey, id, now, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ConcurrencyConflictException(kind.Name, partitionKey, id, ifMatchETag);
        }

        return false;
    }

    /// <summary>One connection and one prepared statement for all keys (a tick batch reads a state per touched bar).</summary>
    public async Task<IReadOnlyList<RecordEnvelope<T>?>> ReadManyAsync<T>(RecordKind kind, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(keys);
        var results = new RecordEnvelope<T>?[keys.Count];
        if (keys.Count == 0)
        {
            return results;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction: every record comes from the same snapshot.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT etag, body FROM records WHERE container = $container AND pk = $pk AND id = $id
              AND (expires_at IS NULL OR expires_at > $now);
            """;
        command.Parameters.AddWithValue("$container", kind.Container);
        command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var pk = command.Parameters.Add("$pk", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++)
        {
            pk.Value = keys[i].PartitionKey;
            id.Value = keys[i].Id;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var document = Parse(reader.GetString(0), reader.GetString(1));
                results[i] = document.Kind == kind.Name ? RecordCodec.FromDocument<T>(document, kind) : null;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>Every record validated first, then all written in one transaction (one commit); conditions per record as documented.</summary>
    public async Task<IReadOnlyList<RecordEnvelope<T>?>> TryWriteManyAsync<T>(IReadOnlyList<RecordEnvelope<T>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var now = timeProvider.GetUtcNow();
        using var documents = EncodedRecords.Of(records, now);
        if (records.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var results = TryWrite(connection, records, documents, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>The store's database: a bar store on the same one can write bars and records in one transaction.</summary>
    internal EmbeddedDatabase Database => database;

    internal DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>An open connection on the migrated database, expired records purged once per process.</summary>
    internal Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>
    /// The conditional writes of <see cref="TryWriteManyAsync{T}"/> inside the caller's transaction on
    /// <paramref name="connection"/>: the record as written, or null where its condition failed.
    /// </summary>
    internal static RecordEnvelope<T>?[] TryWrite<T>(SqliteConnection connection, IReadOnlyList<RecordEnvelope<T>> records, EncodedRecords documents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var results = new RecordEnvelope<T>?[records.Count];
        if (records.Count == 0)
        {
            return results;
        }

        using var create = new RecordRowStatement(connection, CreateRowSql);
        using var replace = new RecordRowStatement(connection, ReplaceRowSql);
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = documents.Document(i);
            var json = documents.Json(i);
            var record = records[i];
            var etag = NewETag();
            var written = record.ETag is { } ifMatch
                ? replace.Execute(record.Kind.Container, document, etag, ExpiresAt(document, now), json, now.ToUnixTimeMilliseconds(), ifMatch)
                : create.Execute(record.Kind.Container, document, etag, ExpiresAt(document, now), json, now.ToUnixTimeMilliseconds());
            if (written == 1)
            {
                results[i] = RecordCodec.Stored(record, document, etag);
            }
        }

        return results;
    }

    /// <summary>Deletes expired records (Cosmos DB does this in the background); returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM records WHERE expires_at IS NOT NULL AND expires_at <= $now;";
        command.Parameters.AddWithValue("$now", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="PurgeExpiredAsync"/>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) => PurgeExpiredAsync(cancellationToken);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!purgeOnStart.Completed)
        {
            await purgeOnStart.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return await database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RecordDocument?> ReadDocumentAsync(SqliteConnection connection, RecordKind kind, string partitionKey, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT etag, body FROM records WHERE container = $container AND pk = $pk AND id = $id
              AND (expires_at IS NULL OR expires_at > $now);
            """;
        command.Parameters.AddWithValue("$container", kind.Container);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Parse(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static RecordDocument Parse(string etag, string body)
    {
        var document = JsonSerializer.Deserialize<RecordDocument>(body, StorageJson.Options)!;
        document.ETag = etag;
        return document;
    }

    /// <summary>Inserts, or replaces the row of the same key.</summary>
    private const string UpsertRowSql = """
        INSERT INTO records (container, pk, id, kind, etag, expires_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (container, pk, id) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, expires_at = excluded.expires_at, body = excluded.body;
        """;

    /// <summary>Inserts where no live row has the key: an expired row counts as absent, exactly as in Cosmos DB where it is already gone.</summary>
    private const string CreateRowSql = """
        INSERT INTO records (container, pk, id, kind, etag, expires_at, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (container, pk, id) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, expires_at = excluded.expires_at, body = excluded.body
        WHERE records.expires_at IS NOT NULL AND records.expires_at <= ?8;
        """;

    /// <summary>Replaces the live row whose ETag matches.</summary>
    private const string ReplaceRowSql = """
        UPDATE records SET kind = ?4, etag = ?5, expires_at = ?6, body = ?7
        WHERE container = ?1 AND pk = ?2 AND id = ?3 AND etag = ?9
          AND (expires_at IS NULL OR expires_at > ?8);
        """;

    private static long? ExpiresAt(RecordDocument document, DateTimeOffset now) => document.Ttl is { } ttl ? now.ToUnixTimeMilliseconds() + (ttl * 1000L) : null;

    private static string NewETag() => EmbeddedETags.Next();

    private static string EncodeToken(string lastId) => "k" + Convert.ToBase64String(Encoding.UTF8.GetBytes(lastId));

    private static string DecodeToken(string token)
    {
        try
        {
            if (token.Length > 1 && token[0] == 'k')
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(token[1..]));
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new ArgumentException($"'{token}' is not a continuation token of the embedded record store.", nameof(token));
    }
}
