using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Activities;

/// <summary>The retention run deletes old raw-archive days and the expired records of the stores that have no service TTL.</summary>
public sealed class RetentionActivitiesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 3, 30, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-retention-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Apply_DeletesArchiveDaysBeforeTheCutoff_AndExpiredRecords_KeepingTheRest()
    {
        var clock = new FakeTimeProvider(Now.AddDays(-40));
        var records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), clock);
        var archive = new FileRawArchive(Path.Combine(_data, "raw"));
        await records.CreateAsync(new RecordEnvelope<string>("old", "2026-01-29", RecordKinds.SystemEvent, clock.GetUtcNow(), JsonSerializer.SerializeToElement(new { }), "1", "info", "old"));
        await records.CreateAsync(new RecordEnvelope<string>("run", "run", RecordKinds.ScanRun, clock.GetUtcNow(), JsonSerializer.SerializeToElement(new { }), "1", "done", "kept"));
        await archive.PutAsync(new RawPayload("coinbase", "bars", Now.AddDays(-40), "[1]"u8.ToArray(), "application/json", "GET", "1"));
        await archive.PutAsync(new RawPayload("coinbase", "bars", Now.AddDays(-1), "[2]"u8.ToArray(), "application/json", "GET", "1"));
        clock.SetUtcNow(Now);

        var deleted = await new RetentionActivities(archive, [records]).ApplyAsync(new RetentionRequest("r", ["coinbase"], Now.UtcDateTime.Date.AddDays(-30), 60), CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal(0, await records.DeleteExpiredAsync());
        Assert.NotNull(await records.GetAsync<string>(RecordKinds.ScanRun, "run", "run"));
        var recent = new List<RawArchiveEntry>();
        await foreach (var entry in archive.ListAsync("coinbase", DateOnly.FromDateTime(Now.AddDays(-1).UtcDateTime)))
        {
            recent.Add(entry);
        }

        Assert.Single(recent);
    }
}
