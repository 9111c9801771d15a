using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>
/// The background checkpoint: once the write-ahead log is large, it is copied into the database file off the writer's
/// path (the file grows although SQLite's own 10,000-page bound was never reached, and every record reads back); a small
/// log never starts one.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class EmbeddedDatabaseCheckpointTests : IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static RecordEnvelope<string> Record(int i) =>
        new($"r-{i:D4}", "p", RecordKinds.Watchlist, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(new { i }), "0.1.0", "ok", new string((char)('a' + (i % 26)), 2_000));

    [Fact]
    public async Task ALargeLog_IsCheckpointedInTheBackground_AndEveryRecordReadsBack()
    {
        var database = new EmbeddedDatabase(directory.Path, checkpointLogBytes: 64 * 1024);
        var store = new EmbeddedRecordStore(database, TimeProvider.System);
        await store.UpsertAsync(Record(0));
        var before = new FileInfo(database.FilePath).Length;

        // About 150 pages, far below the writer's 10,000-page bound: without a background checkpoint they stay in the log.
        for (var i = 1; i <= 300; i++)
        {
            await store.UpsertAsync(Record(i));
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(database.FilePath).Length < before + (300 * 2_000))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the database file stayed at {new FileInfo(database.FilePath).Length} bytes (was {before})");
            await Task.Delay(EmbeddedDatabase.BackgroundCheckpointInterval);
            await (await database.OpenAsync(CancellationToken.None)).DisposeAsync();
        }

        Assert.True(database.BackgroundCheckpoints >= 1);
        for (var i = 0; i <= 300; i++)
        {
            Assert.Equal(Record(i).Payload, (await store.GetAsync<string>(RecordKinds.Watchlist, "p", $"r-{i:D4}"))!.Payload);
        }
    }

    [Fact]
    public async Task ASmallLog_NeverStartsOne()
    {
        var database = new EmbeddedDatabase(directory.Path);
        var store = new EmbeddedRecordStore(database, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await store.UpsertAsync(Record(i));
            await Task.Delay(EmbeddedDatabase.BackgroundCheckpointInterval / 4);
        }

        Assert.Equal(0, database.BackgroundCheckpoints);
    }
}
