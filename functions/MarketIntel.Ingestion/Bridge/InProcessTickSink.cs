using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>The local host's sink: each batch goes straight into <see cref="TickBatchProcessor.ProcessAsync"/>, as the Event Hub trigger would hand it.</summary>
public sealed class InProcessTickSink(TickBatchProcessor processor) : ITickBatchSink
{
    private TickBatchResult? _last;

    public string Name => "in-process";

    /// <summary>The result of the most recent batch (null before the first).</summary>
    public TickBatchResult? LastResult => Volatile.Read(ref _last);

    public async Task SendAsync(IReadOnlyList<TickMessage> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var messages = new string[batch.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = batch[i].Json;
        }

        Volatile.Write(ref _last, await processor.ProcessAsync(messages, cancellationToken).ConfigureAwait(false));
    }
}
