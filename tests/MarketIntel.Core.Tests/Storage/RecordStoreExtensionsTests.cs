using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Core.Tests.Storage;

public sealed class RecordStoreExtensionsTests
{
    [Fact]
    public async Task UpdateAsync_GivesUp_WithTheConflict_AfterMaxAttempts()
    {
        var store = new AlwaysConflictingStore();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync<int>(RecordKinds.PaperPosition, "acct", "position|X", r => r! with { Payload = r.Payload + 1 }, maxAttempts: 3));

        Assert.Equal(3, store.Writes);
    }

    [Fact]
    public async Task UpdateAsync_RefusesAChangeThatMovesTheRecord()
    {
        var store = new AlwaysConflictingStore();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync<int>(RecordKinds.PaperPosition, "acct", "position|X", r => r! with { Id = "position|Y" }));

        Assert.Contains("must keep", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Writes);
    }

    /// <summary>A store where every conditional write loses, as under a writer that never stops.</summary>
    private sealed class AlwaysConflictingStore : IRecordStore
    {
        public int Writes { get; private set; }

        public Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
        {
            Writes++;
            throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, record.ETag);
        }

        public Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            Task.FromResult<RecordEnvelope<T>?>(new RecordEnvelope<T>(id, partitionKey, kind, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(new { }), "1", "open", default!) { ETag = "\"1\"" });

        public Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
