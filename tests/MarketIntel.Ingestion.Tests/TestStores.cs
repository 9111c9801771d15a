using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Ingestion.Tests;

/// <summary>The embedded stores (SQLite file and raw-archive folder) in a temporary folder deleted on dispose.</summary>
public sealed class TestStores : IDisposable
{
    public TestStores(TimeProvider? timeProvider = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mi-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Time = timeProvider ?? TimeProvider.System;
        var database = new EmbeddedDatabase(Path);
        Bars = new EmbeddedBarStore(database, Time);
        Records = new EmbeddedRecordStore(database, Time);
        Archive = new FileRawArchive(System.IO.Path.Combine(Path, "raw"));
    }

    public string Path { get; }

    public TimeProvider Time { get; }

    public IBarStore Bars { get; }

    public IRecordStore Records { get; }

    public FileRawArchive Archive { get; }

    public async Task<List<Bar>> ReadBarsAsync(Symbol symbol, Timeframe timeframe, DateTime from, DateTime to)
    {
        var bars = new List<Bar>();
        string? token = null;
        do
        {
            var page = await Bars.ReadAsync(new BarRangeQuery(symbol, timeframe, from, to, BarRangeQuery.MaxPageSize, token));
            bars.AddRange(page.Bars);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return bars;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}
