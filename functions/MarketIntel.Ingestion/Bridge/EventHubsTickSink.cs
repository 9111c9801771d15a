using System.Text;
using Azure.Core;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// The Azure sink: each bridge batch is published to the ticks event hub, grouped by symbol with the symbol as partition
/// key (one symbol's ticks land in one partition, in order, so the consumer sees them as the venue sent them), each
/// group in as many size-limited <see cref="EventDataBatch"/>es as it needs, sent one after another. Authenticates with
/// a token credential (the managed identity): no connection string exists anywhere.
/// </summary>
public sealed class EventHubsTickSink(EventHubProducerClient producer) : ITickBatchSink, IAsyncDisposable
{
    public string Name => "event-hubs";

    /// <summary>A producer for <c>namespace.servicebus.windows.net</c> and the hub, with the given credential.</summary>
    public static EventHubsTickSink Create(string fullyQualifiedNamespace, string eventHubName, TokenCredential credential) =>
        new(new EventHubProducerClient(fullyQualifiedNamespace, eventHubName, credential));

    public async Task SendAsync(IReadOnlyList<TickMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var (key, messages) in TickPartitions.BySymbol(batch))
        {
            await SendPartitionAsync(key, messages, producer.CreateBatchAsync, producer.SendAsync, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => producer.DisposeAsync();

    /// <summary>
    /// Fills batches for one partition key in order, sending each when the next message no longer fits; a message that
    /// does not fit an empty batch is an error (a tick message is about 150 bytes; the limit is 1 MB). Returns the batches sent.
    /// </summary>
    internal static async Task<int> SendPartitionAsync(
        string partitionKey,
        IReadOnlyList<string> messages,
        Func<CreateBatchOptions, CancellationToken, ValueTask<EventDataBatch>> create,
        Func<EventDataBatch, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        var options = new CreateBatchOptions { PartitionKey = partitionKey };
        var sent = 0;
        var batch = await create(options, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var message in messages)
            {
                var data = new EventData(Encoding.UTF8.GetBytes(message)) { ContentType = "application/json" };
                if (batch.TryAdd(data))
                {
                    continue;
                }

                if (batch.Count == 0)
                {
                    throw new InvalidOperationException($"A tick message of {partitionKey} ({data.EventBody.ToMemory().Length} bytes) does not fit an empty Event Hubs batch ({batch.MaximumSizeInBytes} bytes).");
                }

                await send(batch, cancellationToken).ConfigureAwait(false);
                sent++;
                batch.Dispose();
                batch = await create(options, cancellationToken).ConfigureAwait(false);
                if (!batch.TryAdd(data))
                {
                    throw new InvalidOperationException($"A tick message of {partitionKey} does not fit an empty Event Hubs batch ({batch.MaximumSizeInBytes} bytes).");
                }
            }

            if (batch.Count > 0)
            {
                await send(batch, cancellationToken).ConfigureAwait(false);
                sent++;
            }
        }
        finally
        {
            batch.Dispose();
        }

        return sent;
    }
}
