using MarketIntel.Core.Storage;
using MarketIntel.Storage.Configuration;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// The Cosmos DB database the stores use: containers by name, optional creation of the database and containers
/// (partition key path <c>/pk</c>, TTL switched on where kinds expire, payloads excluded from indexing), and the
/// request-charge meter.
/// </summary>
public sealed class CosmosStorage
{
    private readonly AsyncOnce initialize;

    public CosmosStorage(CosmosClient client, string databaseName, bool createIfNotExists, int maxParallelWrites = 16, CosmosWriteRetry? writeRetry = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelWrites, 1);
        Client = client;
        DatabaseName = databaseName;
        MaxParallelWrites = maxParallelWrites;
        CreatesContainers = createIfNotExists;
        WriteRetry = writeRetry ?? CosmosWriteRetry.Default;
        initialize = new AsyncOnce(ct => createIfNotExists ? CreateIfNotExistsAsync(ct) : VerifyExistsAsync(ct));
    }

    public CosmosClient Client { get; }

    public string DatabaseName { get; }

    public int MaxParallelWrites { get; }

    /// <summary>Whether the database and containers are created when missing (at the first use, and again if lost).</summary>
    public bool CreatesContainers { get; }

    /// <summary>The retry of writes across transport failures and outages.</summary>
    public CosmosWriteRetry WriteRetry { get; }

    public CosmosRequestCharges Charges { get; } = new();

    /// <summary>Containers whose items may carry a <c>ttl</c>: Cosmos DB ignores item TTLs unless the container enables TTL.</summary>
    public static IReadOnlySet<string> ContainersWithTimeToLive { get; } =
        RecordKinds.All.Where(k => k.TimeToLive is not null).Select(k => k.Container).ToHashSet(StringComparer.Ordinal);

    public async Task<Container> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        if (!initialize.Completed)
        {
            await initialize.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return Client.GetContainer(DatabaseName, name);
    }

    /// <summary>
    /// Runs one write on the container <paramref name="name"/> under <see cref="WriteRetry"/>; the write's second
    /// argument says whether an earlier attempt's outcome is unknown. Where the stores create their containers, a write
    /// that finds its container gone (<paramref name="containerLost"/>: a Cosmos emulator restarted empty, a container
    /// deleted) has them created again, as a start would, and is retried.
    /// </summary>
    public Task<T> WriteAsync<T>(string name, Func<Container, bool, CancellationToken, Task<T>> write, Func<CosmosException, bool> containerLost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(containerLost);
        return WriteRetry.ExecuteAsync(
            async (earlierOutcomeUnknown, ct) =>
            {
                var container = await ContainerAsync(name, ct).ConfigureAwait(false);
                try
                {
                    return await write(container, earlierOutcomeUnknown, ct).ConfigureAwait(false);
                }
                catch (CosmosException e) when (CreatesContainers && containerLost(e))
                {
                    initialize.Reset();
                    throw new CosmosContainerLostException(name, e);
                }
            },
            cancellationToken);
    }

    /// <summary>A 404 that names a missing container or database (sub-status 1003), not a missing item.</summary>
    public static bool IsMissingContainer(CosmosException e) => e.StatusCode == System.Net.HttpStatusCode.NotFound && e.SubStatusCode == 1003;

    /// <summary>The container definition the stores expect; infrastructure templates must create the same.</summary>
    public static ContainerProperties Definition(string name)
    {
        var properties = new ContainerProperties(name, "/pk")
        {
            // -1: TTL on, items live until their own ttl says otherwise.
            DefaultTimeToLive = ContainersWithTimeToLive.Contains(name) ? -1 : null,
        };
        var indexing = properties.IndexingPolicy;
        indexing.IndexingMode = IndexingMode.Consistent;
        indexing.IncludedPaths.Clear();
        indexing.ExcludedPaths.Clear();
        if (name == StorageContainers.Bars)
        {
            // Writes pay per indexed path, and bars are the volume: index only what range reads filter and sort on.
            indexing.IncludedPaths.Add(new IncludedPath { Path = "/pk/?" });
            indexing.IncludedPaths.Add(new IncludedPath { Path = "/t/?" });
            indexing.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        }
        else
        {
            // Records: every envelope field stays queryable (ORDER BY id, kind, status ...); payloads and inputs,
            // the bulk of each item, are not indexed.
            indexing.IncludedPaths.Add(new IncludedPath { Path = "/*" });
            indexing.ExcludedPaths.Add(new ExcludedPath { Path = "/payload/*" });
            indexing.ExcludedPaths.Add(new ExcludedPath { Path = "/inputs/*" });
        }

        return properties;
    }

    /// <summary>
    /// Without creation rights (managed identity has data-plane roles only), check once that every container exists,
    /// so that a wrong database name fails with its setting's name instead of looking like missing records.
    /// </summary>
    private async Task VerifyExistsAsync(CancellationToken cancellationToken)
    {
        foreach (var name in StorageContainers.All)
        {
            try
            {
                await Client.GetContainer(DatabaseName, name).ReadContainerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new StorageConfigurationException(
                    $"Cosmos DB container '{name}' does not exist in database '{DatabaseName}' ({StorageSettings.Keys.CosmosDatabase}): create the containers (partition key /pk) or set {StorageSettings.Keys.CosmosCreateIfNotExists}=true where the identity may create them.",
                    e);
            }
        }
    }

    private async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        var database = (await Client.CreateDatabaseIfNotExistsAsync(DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        foreach (var name in StorageContainers.All)
        {
            await database.CreateContainerIfNotExistsAsync(Definition(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
