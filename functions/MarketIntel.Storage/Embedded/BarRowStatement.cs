using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The bar upsert as one prepared statement run through SQLite's own API (as <see cref="RecordRowStatement"/> does for
/// records): the tick path writes a bar per symbol per batch, and through ADO.NET every bar boxed its seven values and
/// formatted its volume into a string. Here the series' constant values (timeframe, provenance, write time) are bound
/// once, and each bar binds its numbers directly and its volume as UTF-8 from a stack buffer.
/// </summary>
internal sealed class BarRowStatement : IDisposable
{
    private const string Sql = """
        INSERT INTO bars (symbol, timeframe, open_time, open, high, low, close, volume, trades, source, code_version, raw_key, written_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        ON CONFLICT (symbol, timeframe, open_time) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
            volume = excluded.volume, trades = excluded.trades, source = excluded.source,
            code_version = excluded.code_version, raw_key = excluded.raw_key, written_at = excluded.written_at;
        """;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public BarRowStatement(SqliteConnection connection, Timeframe timeframe, BarProvenance provenance, string writtenAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(provenance);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 2, timeframe.Minutes));
            Check(raw.sqlite3_bind_text(_statement, 10, provenance.Source));
            Check(raw.sqlite3_bind_text(_statement, 11, provenance.CodeVersion));
            Check(provenance.RawArchiveKey is { } key ? raw.sqlite3_bind_text(_statement, 12, key) : raw.sqlite3_bind_null(_statement, 12));
            Check(raw.sqlite3_bind_text(_statement, 13, writtenAt));
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    /// <summary>The symbol of the bars that follow (bound until the next call).</summary>
    public void UseSymbol(Symbol symbol) => Check(raw.sqlite3_bind_text(_statement, 1, symbol.Value));

    public void Write(in Bar bar)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 3, BarRecordRules.ToUnixMilliseconds(bar.OpenTime)));
            Check(raw.sqlite3_bind_double(_statement, 4, bar.Open));
            Check(raw.sqlite3_bind_double(_statement, 5, bar.High));
            Check(raw.sqlite3_bind_double(_statement, 6, bar.Low));
            Check(raw.sqlite3_bind_double(_statement, 7, bar.Close));
            // The volume is stored as text, exactly as decimal.ToString(InvariantCulture) writes it (what readers parse).
            Span<byte> volume = stackalloc byte[64];
            if (!bar.Volume.TryFormat(volume, out var length, default, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"The volume {bar.Volume} does not fit its buffer.");
            }

            Check(raw.sqlite3_bind_text(_statement, 8, volume[..length]));
            Check(raw.sqlite3_bind_int64(_statement, 9, bar.Trades));
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
            }
        }
        finally
        {
            // Reset keeps the bindings: the constants bound in the constructor and the symbol stay for the next bar.
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
        }
    }
}
