using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>The write-ahead log is checkpointed in the background after writes, and commits no longer do it themselves below the raised threshold.</summary>
public sealed class EmbeddedCheckpointTests : IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Writes_AreCheckpointedInTheBackground_WithEveryFrameCopied_AndTheDataIntact()
    {
        var database = new EmbeddedDatabase(directory.Path);
        var store = new EmbeddedBarStore(database, TimeProvider.System);
        var bars = TestBars.Generate(Timeframe.OneMinute, new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc), 200);
        foreach (var symbol in new[] { "AAPL", "MSFT", "SPY" })
        {
            await store.UpsertAsync(symbol, Timeframe.OneMinute, bars, new BarProvenance("t", "1"));
        }

        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(EmbeddedDatabase.AutomaticCheckpointPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));

        // Waits for the background task (it checkpoints a quarter second after the last write), at most 30 s.
        for (var i = 0; i < 300 && database.BackgroundCheckpoints == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(database.BackgroundCheckpoints > 0, "no background checkpoint ran after the writes");
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            // (busy, frames in the log, frames checkpointed): nothing was left for this checkpoint to copy.
            Assert.Equal(0, reader.GetInt32(0));
            Assert.Equal(reader.GetInt32(1), reader.GetInt32(2));
        }

        SqliteConnection.ClearAllPools();
        var reopened = new EmbeddedBarStore(new EmbeddedDatabase(directory.Path), TimeProvider.System);
        var page = await reopened.ReadAsync(new BarRangeQuery("SPY", Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddMinutes(1)));
        Assert.Equal(bars, page.Bars.ToList());
    }

    [Fact]
    public async Task AWrite_WhoseFolderIsThenDeleted_LeavesNoFailingTask()
    {
        var database = new EmbeddedDatabase(directory.Path);
        var unobserved = 0;
        void Count(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += Count;
        try
        {
            await new EmbeddedRecordStore(database, TimeProvider.System).UpsertAsync(new RecordEnvelope<int>(
                "r1", "p", RecordKinds.RiskReport, DateTimeOffset.UnixEpoch, System.Text.Json.JsonSerializer.SerializeToElement(new { }), "1", "done", 1));
            directory.Dispose();
            await Task.Delay(1000);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Count;
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
