using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// A write found its container (or database) gone while the stores may create them: they are created again, as at a
/// start, and the write is retried. Surfaces as the inner 404 when the retries are spent.
/// </summary>
internal sealed class CosmosContainerLostException(string container, CosmosException notFound)
    : Exception($"Cosmos DB container '{container}' was not found; it is created again before the write is retried.", notFound);
