using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Embedded;

/// <summary>Bars in the embedded SQLite file: one row per (symbol, timeframe, open time); a batch is one transaction.</summary>
public sealed class EmbeddedBarStore(EmbeddedDatabase database, TimeProvider timeProvider) : IBarStore
{
    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        if (bars.Count == 0)
        {
            return 0;
        }

        var writtenAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO bars (symbol, timeframe, open_time, open, high, low, close, volume, trades, source, code_version, raw_key, written_at)
            VALUES ($symbol, $timeframe, $t, $o, $h, $l, $c, $v, $n, $src, $ver, $raw, $at)
            ON CONFLICT (symbol, timeframe, open_time) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, trades = excluded.trades, source = excluded.source,
                code_version = excluded.code_version, raw_key = excluded.raw_key, written_at = excluded.written_at;
            """;
        command.Parameters.AddWithValue("$symbol", symbol.Value);
        command.Parameters.AddWithValue("$timeframe", timeframe.Minutes);
        var t = command.Parameters.Add("$t", SqliteType.Integer);
        var o = command.Parameters.Add("$o", SqliteType.Real);
        var h = command.Parameters.Add("$h", SqliteType.Real);
        var l = command.Parameters.Add("$l", SqliteType.Real);
        var c = command.Parameters.Add("$c", SqliteType.Real);
        var v = command.Parameters.Add("$v", SqliteType.Text);
        var n = command.Parameters.Add("$n", SqliteType.Integer);
        command.Parameters.AddWithValue("$src", provenance.Source);
        command.Parameters.AddWithValue("$ver", provenance.CodeVersion);
        command.Parameters.AddWithValue("$raw", (object?)provenance.RawArchiveKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", writtenAt);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var bar in bars)
        {
            t.Value = BarRecordRules.ToUnixMilliseconds(bar.OpenTime);
            o.Value = bar.Open;
            h.Value = bar.High;
            l.Value = bar.Low;
            c.Value = bar.Close;
            v.Value = bar.Volume.ToString(CultureInfo.InvariantCulture);
            n.Value = bar.Trades;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return bars.Count;
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

    /// <summary>Every range on one connection with one prepared statement.</summary>
    public async Task<IReadOnlyList<BarPage>> ReadManyAsync(IReadOnlyList<BarRangeQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var pages = new BarPage[queries.Count];
        if (queries.Count == 0)
        {
            return pages;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RangeCommand(connection);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = BarRecordRules.ResumeFrom(queries[i]) >= queries[i].To
                ? new BarPage([], null)
                : await ReadPageAsync(command, queries[i], cancellationToken).ConfigureAwait(false);
        }

        return pages;
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

            var bar = new Bar(
                BarRecordRules.FromUnixMilliseconds(reader.GetInt64(0)),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                decimal.Parse(reader.GetString(5), NumberStyles.Number, CultureInfo.InvariantCulture),
                reader.GetInt64(6));
            var provenance = new BarProvenance(reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9));
            var writtenAt = DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            items.Add(new StoredBar(bar, provenance, writtenAt));
        }

        return new BarPage(items, null);
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
