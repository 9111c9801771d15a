using System.Text.Json;
using Azure.Data.Tables;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Tables;

/// <summary>
/// Azurite's Table service persisting to a folder, killed by its PID in the middle of a batch of record writes and
/// started again on the same port and folder: re-running the whole batch leaves exactly one copy of each record.
/// </summary>
[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class TablesRestartTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "marketintel-tables-restart-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task KilledInTheMiddleOfABatch_RestartedAndReRun_LeavesExactlyOneCopyOfEachRecord()
    {
        var location = Path.Combine(scratch, "data");
        Directory.CreateDirectory(location);
        var emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location);
        var port = emulator.Port;
        try
        {
            var options = new TableClientOptions();
            // Fail fast while the emulator is down instead of retrying for the SDK's default minute.
            options.Retry.MaxRetries = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(50);
            var service = new TableServiceClient(NodeEmulators.AzuriteTablesConnectionString(port), options);
            var storage = new TablesStorage(service, "restart", createIfNotExists: true, new BlobArtifactStore(azurite.NewContainer()));
            var store = new TablesRecordStore(storage, TimeProvider.System);
            var run = StorageKey.Compose("run", Guid.NewGuid().ToString("N"));
            var batch = Enumerable.Range(1, 300).Select(i => new RecordEnvelope<int>(
                StorageKey.Compose("setup", i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), run, RecordKinds.RiskReport,
                DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(new { }), "0.1.0", "ranked", i)).ToList();

            // The first 100 are written and persisted (Azurite saves its database to disk every few seconds).
            foreach (var record in batch.Take(100))
            {
                await store.CreateAsync(record);
            }

            await AzuritePersistence.WaitForPersistedAsync(location);

            var written = 0;
            var writer = Task.Run(async () =>
            {
                foreach (var record in batch.Skip(100))
                {
                    await store.CreateAsync(record);
                    Interlocked.Increment(ref written);
                }
            });
            while (Volatile.Read(ref written) < 50 && !writer.IsCompleted)
            {
                await Task.Delay(5);
            }

            await emulator.DisposeAsync();
            var failure = await Record.ExceptionAsync(() => writer);
            Assert.NotNull(failure);
            Assert.True(Volatile.Read(ref written) < 200, "the batch finished before the emulator was killed");

            emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location, port);
            var outcomes = new List<WriteOutcome>();
            foreach (var record in batch)
            {
                outcomes.Add((await store.CreateAsync(record)).Outcome);
            }

            var stored = new List<RecordEnvelope<int>>();
            await foreach (var record in store.ReadAllAsync<int>(RecordKinds.RiskReport, run))
            {
                stored.Add(record);
            }

            Assert.Equal(Enumerable.Range(1, 300), stored.Select(r => r.Payload));
            Assert.Equal(300, stored.Select(r => r.Id).Distinct().Count());
            Assert.True(outcomes.Take(100).All(o => o == WriteOutcome.AlreadyExisted), "the records persisted before the kill were lost");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return Task.CompletedTask;
    }
}
