using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using MarketIntel.Ingestion.Bridge;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>
/// The sink's grouping and batch filling, without Event Hubs: batches are the SDK's own test models
/// (<see cref="EventHubsModelFactory"/>) with a capacity, and "sending" records what would be sent.
/// </summary>
public sealed class EventHubsTickSinkTests
{
    [Fact]
    public void ABatch_IsGroupedBySymbol_InArrivalOrder_GroupsInOrderOfFirstAppearance()
    {
        TickMessage[] batch = [new("ETH-USD", "e1"), new("BTC-USD", "b1"), new("ETH-USD", "e2"), new("SOL-USD", "s1"), new("BTC-USD", "b2"), new("ETH-USD", "e3")];

        var groups = TickPartitions.BySymbol(batch);

        Assert.Equal(["ETH-USD", "BTC-USD", "SOL-USD"], groups.Select(g => g.PartitionKey));
        Assert.Equal(["e1", "e2", "e3"], groups[0].Messages);
        Assert.Equal(["b1", "b2"], groups[1].Messages);
        Assert.Equal(["s1"], groups[2].Messages);
    }

    [Fact]
    public async Task APartitionsMessages_FillBatchesInOrder_EachWithTheSymbolAsPartitionKey()
    {
        var sent = new List<(string? Key, List<string> Bodies)>();
        var messages = Enumerable.Range(0, 10).Select(i => $"m{i}").ToList();

        var count = await EventHubsTickSink.SendPartitionAsync("BTC-USD", messages, Capacity(4, sent), (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(3, count);
        Assert.Equal([4, 4, 2], sent.Select(s => s.Bodies.Count));
        Assert.All(sent, s => Assert.Equal("BTC-USD", s.Key));
        Assert.Equal(messages, sent.SelectMany(s => s.Bodies));
    }

    [Fact]
    public async Task AMessageThatFitsNoBatch_IsAnError()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EventHubsTickSink.SendPartitionAsync("BTC-USD", ["too big"], Capacity(0, []), (_, _) => Task.CompletedTask, CancellationToken.None));

        Assert.Contains("does not fit an empty Event Hubs batch", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Batches that take <paramref name="capacity"/> events each; every batch created is recorded with its key and bodies.</summary>
    private static Func<CreateBatchOptions, CancellationToken, ValueTask<EventDataBatch>> Capacity(int capacity, List<(string? Key, List<string> Bodies)> created) =>
        (options, _) =>
        {
            var store = new List<EventData>();
            var bodies = new List<string>();
            created.Add((options.PartitionKey, bodies));
            var batch = EventHubsModelFactory.EventDataBatch(1024 * 1024, store, options, e =>
            {
                if (store.Count >= capacity)
                {
                    return false;
                }

                bodies.Add(e.EventBody.ToString());
                return true;
            });
            return ValueTask.FromResult(batch);
        };
}
