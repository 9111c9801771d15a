using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The transport of a streamed-trades adapter: connects, sends the provider's subscription, receives messages, archives
/// them in batches (NDJSON, before parsing) and parses them into <see cref="TradeStreamEvent"/>s. A dropped, failed or
/// silent connection is replaced with exponential backoff and jitter and the subscription sent again; each drop and
/// reconnect is reported in the stream so the consumer can backfill the outage.
/// </summary>
public abstract class WebSocketTradeStream(IRawArchive archive, IngestionMetrics metrics, TimeProvider timeProvider, string codeVersion, WebSocketStreamOptions? options = null) : ITradeStream
{
    private readonly WebSocketStreamOptions _options = options ?? new WebSocketStreamOptions();

    public abstract string Name { get; }

    public abstract Instrument Resolve(string symbol);

    public async IAsyncEnumerable<TradeStreamEvent> StreamAsync(IReadOnlyList<Instrument> instruments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var events = Channel.CreateUnbounded<TradeStreamEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(instruments, events.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Where to connect for these instruments.</summary>
    protected abstract Uri StreamUri(IReadOnlyList<Instrument> instruments);

    /// <summary>Messages sent after connecting (the subscription); none when the URL subscribes.</summary>
    protected virtual IEnumerable<string> SubscribeMessages(IReadOnlyList<Instrument> instruments) => [];

    /// <summary>Parses one message into zero or more events; malformed messages become <see cref="TradeStreamEventKind.Rejected"/> events naming the field.</summary>
    public void Parse(ReadOnlySpan<byte> message, IReadOnlyList<Instrument> instruments, DateTimeOffset receivedAt, string? archiveKey, List<TradeStreamEvent> into)
    {
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            ParseMessage(Json.Object(Name, document.RootElement, "$"), instruments, receivedAt, archiveKey, into);
        }
        catch (JsonException ex)
        {
            into.Add(TradeStreamEvent.Rejected(RejectReasons.Malformed, $"{Name} payload: field '$' is not valid JSON ({ex.Message}).", receivedAt, archiveKey));
        }
        catch (PayloadFormatException ex)
        {
            into.Add(TradeStreamEvent.Rejected(RejectReasons.Malformed, ex.Message, receivedAt, archiveKey));
        }
    }

    /// <summary>Reads one message (a JSON object); throws <see cref="PayloadFormatException"/> when a field is not as documented.</summary>
    protected abstract void ParseMessage(JsonElement root, IReadOnlyList<Instrument> instruments, DateTimeOffset receivedAt, string? archiveKey, List<TradeStreamEvent> into);

    private async Task PumpAsync(IReadOnlyList<Instrument> instruments, ChannelWriter<TradeStreamEvent> output, CancellationToken cancellationToken)
    {
        var failures = 0;
        var connectedBefore = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                string reason;
                try
                {
                    using var socket = new ClientWebSocket();
                    using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        connectTimeout.CancelAfter(_options.ConnectTimeout);
                        await socket.ConnectAsync(StreamUri(instruments), connectTimeout.Token).ConfigureAwait(false);
                        foreach (var subscribe in SubscribeMessages(instruments))
                        {
                            await socket.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, endOfMessage: true, connectTimeout.Token).ConfigureAwait(false);
                        }
                    }

                    if (connectedBefore)
                    {
                        metrics.Reconnected(Name);
                    }

                    await output.WriteAsync(TradeStreamEvent.Connected(timeProvider.GetUtcNow(), connectedBefore), cancellationToken).ConfigureAwait(false);
                    connectedBefore = true;
                    failures = 0;
                    reason = await ReceiveAsync(socket, instruments, output, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    reason = ex is OperationCanceledException ? "connection timed out" : ex.InnerException is { } inner ? ex.Message + " (" + inner.Message + ")" : ex.Message;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await output.WriteAsync(TradeStreamEvent.Disconnected(timeProvider.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false);
                await Task.Delay(Backoff(++failures), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the consumer.
        }
        finally
        {
            output.TryComplete();
        }
    }

    /// <summary>Receives until the connection ends; returns why it ended.</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, IReadOnlyList<Instrument> instruments, ChannelWriter<TradeStreamEvent> output, CancellationToken cancellationToken)
    {
        var batch = new List<byte[]>();
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        var batchStarted = 0L;
        var receive = default(Task<WebSocketReceiveResult>);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                idle.CancelAfter(_options.IdleTimeout);
                receive ??= socket.ReceiveAsync(buffer, idle.Token);
                if (batch.Count > 0)
                {
                    // Flush a partial batch when no message completes it in time.
                    var remaining = _options.ArchiveFlushInterval - timeProvider.GetElapsedTime(batchStarted);
                    if (remaining <= TimeSpan.Zero || await Task.WhenAny(receive, Task.Delay(remaining, timeProvider, cancellationToken)).ConfigureAwait(false) != receive)
                    {
                        await FlushAsync(batch, instruments, output, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                var result = await receive.ConfigureAwait(false);
                receive = null;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return $"closed by the server ({result.CloseStatus}: {result.CloseStatusDescription})";
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (batch.Count == 0)
                {
                    batchStarted = timeProvider.GetTimestamp();
                }

                batch.Add(message.ToArray());
                message.SetLength(0);
                if (batch.Count >= _options.ArchiveBatchSize)
                {
                    await FlushAsync(batch, instruments, output, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no message for {_options.IdleTimeout.TotalSeconds:0} s";
        }
        finally
        {
            // Whatever arrived before the drop is still archived and delivered.
            if (batch.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                await FlushAsync(batch, instruments, output, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushAsync(List<byte[]> batch, IReadOnlyList<Instrument> instruments, ChannelWriter<TradeStreamEvent> output, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var ndjson = new MemoryStream();
        foreach (var item in batch)
        {
            ndjson.Write(item);
            ndjson.WriteByte((byte)'\n');
        }

        var entry = await archive.PutAsync(new RawPayload(Name, "trades", now, ndjson.ToArray(), "application/x-ndjson", "stream:" + StreamUri(instruments).PathAndQuery, codeVersion), cancellationToken).ConfigureAwait(false);
        metrics.PayloadAccepted(Name);
        var events = new List<TradeStreamEvent>();
        foreach (var item in batch)
        {
            Parse(item, instruments, now, entry.Key, events);
        }

        batch.Clear();
        foreach (var e in events)
        {
            await output.WriteAsync(e, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, _options.MaxReconnectDelay.TotalMilliseconds);

        // Full jitter in the upper half: reconnect storms from many clients spread out, and no delay collapses to zero.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
