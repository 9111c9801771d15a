using System.Collections.Concurrent;
using Azure.Data.Tables;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tables;

/// <summary>
/// The table clients of one storage account: one table per <see cref="StorageContainers"/> name, prefixed
/// (<c>marketintelbars</c>) so they stand apart from the Durable Functions tables in the same account; created on
/// first use when allowed. Records too large for an entity go to <see cref="Overflow"/>.
/// </summary>
public sealed class TablesStorage
{
    private readonly TableServiceClient service;
    private readonly string prefix;
    private readonly bool createIfNotExists;
    private readonly ConcurrentDictionary<string, AsyncOnce> created = new(StringComparer.Ordinal);

    public TablesStorage(TableServiceClient service, string tablePrefix, bool createIfNotExists, IArtifactStore overflow, int maxParallelWrites = 8)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(overflow);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelWrites, 1);
        this.service = service;
        prefix = tablePrefix ?? string.Empty;
        this.createIfNotExists = createIfNotExists;
        Overflow = overflow;
        MaxParallelWrites = maxParallelWrites;
    }

    /// <summary>Where record bodies larger than an entity holds are kept (the Blob artifact store in Azure).</summary>
    public IArtifactStore Overflow { get; }

    /// <summary>Transactions (of up to 100 bars each) submitted at once by a bar write.</summary>
    public int MaxParallelWrites { get; }

    /// <summary>The table name of a container (<c>bars</c> → <c>marketintelbars</c>).</summary>
    public string TableName(string container) => prefix + container;

    public async Task<TableClient> TableAsync(string container, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(TableName(container));
        if (createIfNotExists)
        {
            var once = created.GetOrAdd(container, _ => new AsyncOnce(ct => client.CreateIfNotExistsAsync(ct)));
            if (!once.Completed)
            {
                await once.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return client;
    }
}
