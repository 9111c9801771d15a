using MarketIntel.Storage.Documents;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// One prepared statement that writes record rows, run through SQLite's own API (SQLitePCLRaw, which Microsoft.Data.Sqlite
/// is built on, on the connection's <see cref="SqliteConnection.Handle"/>). Why: a batch writes thousands of rows, and
/// there the ADO.NET layer costs as much as SQLite itself, mostly by turning every document's UTF-8 bytes into a .NET
/// string and back; this binds the bytes as they are. The statement's parameters are numbered: ?1 container, ?2 pk,
/// ?3 id, ?4 kind, ?5 etag, ?6 expires_at (null for none), ?7 body, then ?8 now and ?9 the ETag to match where used.
/// </summary>
internal sealed class RecordRowStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameters;

    public RecordRowStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        _parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>Writes one row; returns the rows changed (0 when the statement's condition held it back).</summary>
    public int Execute(string container, RecordDocument document, string etag, long? expiresAt, ReadOnlySpan<byte> body, long now, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            Bind(1, container);
            Bind(2, document.Pk);
            Bind(3, document.Id);
            Bind(4, document.Kind);
            Bind(5, etag);
            if (_parameters >= 6)
            {
                Check(expiresAt is { } expires ? raw.sqlite3_bind_int64(_statement, 6, expires) : raw.sqlite3_bind_null(_statement, 6));
            }

            if (_parameters >= 7)
            {
                Check(raw.sqlite3_bind_text(_statement, 7, body));
            }

            if (_parameters >= 8)
            {
                Check(raw.sqlite3_bind_int64(_statement, 8, now));
            }

            if (_parameters >= 9)
            {
                Bind(9, ifMatch ?? throw new ArgumentNullException(nameof(ifMatch)));
            }

            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Bind(int index, string value)
    {
        if (index <= _parameters)
        {
            Check(raw.sqlite3_bind_text(_statement, index, value));
        }
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_database).utf8_to_string()}'.", result);
        }
    }
}
