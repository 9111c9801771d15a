using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>Bars in the embedded SQLite file: one row per (symbol, timeframe, open time); a batch (of one or many symbols) is one transaction.</summary>
public sealed class EmbeddedBarStore(EmbeddedDatabase database, TimeProvider timeProvider) : IBarStore
{
    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        return await WriteAsync(timeframe, [(symbol, bars)], provenance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every series in one transaction: one commit (one WAL sync) for a whole tick batch.</summary>
    public async Task<int> UpsertManyAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (symbol, bars) in series)
        {
            BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        }

        return await WriteAsync(timeframe, series, provenance, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> WriteAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var (_, bars) in series)
        {
            count += bars.Count;
        }

        if (count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        WriteRows(connection, timeframe, series, provenance, cancellationToken);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>
    /// The records' conditional writes and the bars in one transaction when <paramref name="records"/> is the embedded
    /// record store of this same database (one commit: one set of write-ahead-log frames, one connection); null (nothing
    /// written) when it is another store or a condition failed.
    /// </summary>
    public async Task<BarsWithRecordsWritten<TFirst, TSecond>?> TryUpsertManyWithRecordsAsync<TFirst, TSecond>(
        Timeframe timeframe,
        IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series,
        BarProvenance provenance,
        IRecordStore records,
        IReadOnlyList<RecordEnvelope<TFirst>> first,
        IReadOnlyList<RecordEnvelope<TSecond>> second,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (records is not EmbeddedRecordStore embedded || embedded.Database.FilePath != database.FilePath)
        {
            return null;
        }

        var count = 0;
        foreach (var (symbol, bars) in series)
        {
            BarRecordRules.Validate(symbol, timeframe, bars, provenance);
            count += bars.Count;
        }

        var now = embedded.Now;
        using var firstDocuments = EncodedRecords.Of(first, now);
        using var secondDocuments = EncodedRecords.Of(second, now);
        await using var connection = await embedded.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var firstWritten = EmbeddedRecordStore.TryWrite(connection, first, firstDocuments, now, cancellationToken);
        var secondWritten = EmbeddedRecordStore.TryWrite(connection, second, secondDocuments, now, cancellationToken);
        if (Array.Exists(firstWritten, r => r is null) || Array.Exists(secondWritten, r => r is null))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        WriteRows(connection, timeframe, series, provenance, cancellationToken);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BarsWithRecordsWritten<TFirst, TSecond>(count, firstWritten!, secondWritten!);
    }

    private void WriteRows(SqliteConnection connection, Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken)
    {
        if (series.Count == 0)
        {
            return;
        }

        using var statement = new BarRowStatement(connection, timeframe, provenance, timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        foreach (var (symbol, bars) in series)
        {
            cancellationToken.ThrowIfCancellationRequested();
            statement.UseSymbol(symbol);
            foreach (var bar in bars)
            {
                statement.Write(bar);
            }
        }
    }

    public async Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (BarRecordRules.ResumeFrom(query) >= query.To)
        {
            return new BarPage([], null);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RangeCommand(connection);
        return await ReadPageAsync(command, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every range on one connection. Ranges that differ only in their symbol (the usual case: every watched symbol
    /// since the same bar) are one statement over a JSON list of the symbols; the rest share one prepared statement.
    /// </summary>
    public async Task<IReadOnlyList<BarPage>> ReadManyAsync(IReadOnlyList<BarRangeQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var pages = new BarPage[queries.Count];
        var groups = new Dictionary<(int Timeframe, DateTime From, DateTime To, int PageSize), List<int>>();
        for (var i = 0; i < pages.Length; i++)
        {
            var q = queries[i];
            var from = BarRecordRules.ResumeFrom(q);
            if (from >= q.To)
            {
                pages[i] = new BarPage([], null);
                continue;
            }

            var key = (q.Timeframe.Minutes, from, q.To, q.PageSize);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(i);
        }

        if (groups.Count == 0)
        {
            return pages;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var single = RangeCommand(connection);
        foreach (var (key, members) in groups)
        {
            if (members.Count == 1)
            {
                pages[members[0]] = await ReadPageAsync(single, queries[members[0]], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var symbols = members.Select(i => queries[i].Symbol.Value).Distinct(StringComparer.Ordinal).ToArray();
            var rows = await ReadSymbolsAsync(connection, symbols, key.Timeframe, key.From, key.To, key.PageSize + 1, cancellationToken).ConfigureAwait(false);
            foreach (var i in members)
            {
                var items = rows.TryGetValue(queries[i].Symbol.Value, out var found) ? found : [];
                pages[i] = items.Count > key.PageSize
                    ? new BarPage(items.GetRange(0, key.PageSize), BarRecordRules.ContinuationAfter(items[key.PageSize - 1].Bar.OpenTime))
                    : new BarPage(items, null);
            }
        }

        return pages;
    }

    /// <summary>At most <paramref name="perSymbol"/> bars of each symbol in [from, to), by one statement (one index seek per symbol).</summary>
    private static async Task<Dictionary<string, List<StoredBar>>> ReadSymbolsAsync(
        SqliteConnection connection, string[] symbols, int timeframe, DateTime from, DateTime to, int perSymbol, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT symbol, open_time, open, high, low, close, volume, trades, source, code_version, raw_key, written_at FROM (
                SELECT b.*, ROW_NUMBER() OVER (PARTITION BY b.symbol ORDER BY b.open_time) AS n
                FROM json_each($symbols) AS s
                JOIN bars AS b ON b.symbol = s.value AND b.timeframe = $timeframe AND b.open_time >= $from AND b.open_time < $to)
            WHERE n <= $limit ORDER BY symbol, open_time;
            """;
        command.Parameters.AddWithValue("$symbols", System.Text.Json.JsonSerializer.Serialize(symbols));
        command.Parameters.AddWithValue("$timeframe", timeframe);
        command.Parameters.AddWithValue("$from", BarRecordRules.ToUnixMilliseconds(from));
        command.Parameters.AddWithValue("$to", BarRecordRules.ToUnixMilliseconds(to));
        command.Parameters.AddWithValue("$limit", perSymbol);
        var result = new Dictionary<string, List<StoredBar>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var symbol = reader.GetString(0);
            if (!result.TryGetValue(symbol, out var items))
            {
                result[symbol] = items = [];
            }

            items.Add(ReadRow(reader, 1));
        }

        return result;
    }

    private static SqliteCommand RangeCommand(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            SELECT open_time, open, high, low, close, volume, trades, source, code_version, raw_key, written_at
            FROM bars WHERE symbol = $symbol AND timeframe = $timeframe AND open_time >= $from AND open_time < $to
            ORDER BY open_time LIMIT $limit;
            """;
        command.Parameters.Add("$symbol", SqliteType.Text);
        command.Parameters.Add("$timeframe", SqliteType.Integer);
        command.Parameters.Add("$from", SqliteType.Integer);
        command.Parameters.Add("$to", SqliteType.Integer);
        command.Parameters.Add("$limit", SqliteType.Integer);
        return command;
    }

    private static async Task<BarPage> ReadPageAsync(SqliteCommand command, BarRangeQuery query, CancellationToken cancellationToken)
    {
        var items = new List<StoredBar>(Math.Min(query.PageSize, 1024));
        command.Parameters["$symbol"].Value = query.Symbol.Value;
        command.Parameters["$timeframe"].Value = query.Timeframe.Minutes;
        command.Parameters["$from"].Value = BarRecordRules.ToUnixMilliseconds(BarRecordRules.ResumeFrom(query));
        command.Parameters["$to"].Value = BarRecordRules.ToUnixMilliseconds(query.To);
        // One extra row tells whether another page exists, so the last page carries no token.
        command.Parameters["$limit"].Value = query.PageSize + 1;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == query.PageSize)
            {
                return new BarPage(items, BarRecordRules.ContinuationAfter(items[^1].Bar.OpenTime));
            }

            items.Add(ReadRow(reader, 0));
        }

        return new BarPage(items, null);
    }

    /// <summary>A stored bar from the columns open_time … written_at, the first at <paramref name="at"/>.</summary>
    private static StoredBar ReadRow(SqliteDataReader reader, int at)
    {
        var bar = new Bar(
            BarRecordRules.FromUnixMilliseconds(reader.GetInt64(at)),
            reader.GetDouble(at + 1),
            reader.GetDouble(at + 2),
            reader.GetDouble(at + 3),
            reader.GetDouble(at + 4),
            decimal.Parse(reader.GetString(at + 5), NumberStyles.Number, CultureInfo.InvariantCulture),
            reader.GetInt64(at + 6));
        var provenance = new BarProvenance(reader.GetString(at + 7), reader.GetString(at + 8), reader.IsDBNull(at + 9) ? null : reader.GetString(at + 9));
        var writtenAt = DateTimeOffset.Parse(reader.GetString(at + 10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new StoredBar(bar, provenance, writtenAt);
    }

    /// <summary>Every query on one connection and one prepared statement: a descending index seek per series.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<Bar>>> ReadLastAsync(IReadOnlyList<LastBarsQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        foreach (var query in queries)
        {
            query.Validate();
        }

        var result = new IReadOnlyList<Bar>[queries.Count];
        if (result.Length == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var statement = new LastBarsStatement(connection);
        for (var i = 0; i < result.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[i] = statement.Read(queries[i]);
        }

        return result;
    }

    public async Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(open_time) FROM bars WHERE symbol = $symbol AND timeframe = $timeframe;";
        command.Parameters.AddWithValue("$symbol", symbol.Value);
        command.Parameters.AddWithValue("$timeframe", timeframe.Minutes);
        var first = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return first is long milliseconds ? BarRecordRules.FromUnixMilliseconds(milliseconds) : null;
    }
}
