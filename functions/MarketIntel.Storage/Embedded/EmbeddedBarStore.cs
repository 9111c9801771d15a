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
        var s = command.Parameters.Add("$symbol", SqliteType.Text);
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
        foreach (var (symbol, bars) in series)
        {
            s.Value = symbol.Value;
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
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default)
    {
        var from = BarRecordRules.ResumeFrom(query);
        var items = new List<StoredBar>(Math.Min(query.PageSize, 1024));
        if (from >= query.To)
        {
            return new BarPage(items, null);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT open_time, open, high, low, close, volume, trades, source, code_version, raw_key, written_at
            FROM bars WHERE symbol = $symbol AND timeframe = $timeframe AND open_time >= $from AND open_time < $to
            ORDER BY open_time LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$symbol", query.Symbol.Value);
        command.Parameters.AddWithValue("$timeframe", query.Timeframe.Minutes);
        command.Parameters.AddWithValue("$from", BarRecordRules.ToUnixMilliseconds(from));
        command.Parameters.AddWithValue("$to", BarRecordRules.ToUnixMilliseconds(query.To));
        // One extra row tells whether another page exists, so the last page carries no token.
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
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
