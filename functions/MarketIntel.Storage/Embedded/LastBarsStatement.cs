using System.Buffers.Text;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// "The newest N bars of a series in a range" as one prepared statement run through SQLite's own API (as
/// <see cref="BarRowStatement"/> writes them): one descending seek on the primary key per series, bar columns only,
/// the volume parsed from the row's UTF-8 bytes. A scan reads thousands of series of hundreds of bars: through ADO.NET
/// each row was a string for the volume, three for the provenance and a parsed write time.
/// </summary>
internal sealed class LastBarsStatement : IDisposable
{
    private const string Sql = """
        SELECT open_time, open, high, low, close, volume, trades FROM bars
        WHERE symbol = ?1 AND timeframe = ?2 AND open_time >= ?3 AND open_time < ?4
        ORDER BY open_time DESC LIMIT ?5;
        """;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    // Rows arrive newest first; collected here (reused across series) and copied out oldest first at their exact count.
    private readonly List<Bar> _newestFirst = [];

    public LastBarsStatement(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
    }

    /// <summary>The query's bars, oldest first.</summary>
    public Bar[] Read(LastBarsQuery query)
    {
        try
        {
            Check(raw.sqlite3_bind_text(_statement, 1, query.Symbol.Value));
            Check(raw.sqlite3_bind_int64(_statement, 2, query.Timeframe.Minutes));
            Check(raw.sqlite3_bind_int64(_statement, 3, BarRecordRules.ToUnixMilliseconds(query.From)));
            Check(raw.sqlite3_bind_int64(_statement, 4, BarRecordRules.ToUnixMilliseconds(query.To)));
            Check(raw.sqlite3_bind_int64(_statement, 5, query.Count));
            var newestFirst = _newestFirst;
            newestFirst.Clear();
            int result;
            while ((result = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
                newestFirst.Add(new Bar(
                    BarRecordRules.FromUnixMilliseconds(raw.sqlite3_column_int64(_statement, 0)),
                    raw.sqlite3_column_double(_statement, 1),
                    raw.sqlite3_column_double(_statement, 2),
                    raw.sqlite3_column_double(_statement, 3),
                    raw.sqlite3_column_double(_statement, 4),
                    Volume(raw.sqlite3_column_blob(_statement, 5)),
                    raw.sqlite3_column_int64(_statement, 6)));
            }

            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }

            var bars = new Bar[newestFirst.Count];
            for (var i = 0; i < bars.Length; i++)
            {
                bars[i] = newestFirst[bars.Length - 1 - i];
            }

            return bars;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// A volume as decimal.ToString(InvariantCulture) stored it (<see cref="BarRowStatement"/>), parsed as the range read
    /// parses it; whole volumes (shares, contracts) take the integer parser, which gives the same decimal a third faster.
    /// </summary>
    private static decimal Volume(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long whole, out var consumed) && consumed == text.Length
            ? whole
            : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
        }
    }
}
