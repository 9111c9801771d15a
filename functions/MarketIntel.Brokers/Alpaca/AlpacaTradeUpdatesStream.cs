using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// Alpaca's <c>trade_updates</c> WebSocket as our order events. Connect, send <c>{"action":"auth","key":..,"secret":..}</c>,
/// expect <c>{"stream":"authorization","data":{"status":"authorized"}}</c>, send
/// <c>{"action":"listen","data":{"streams":["trade_updates"]}}</c>, expect the <c>listening</c> acknowledgement, then read
/// <c>{"stream":"trade_updates","data":{"event":..,"timestamp":..,"price":..,"qty":..,"order":{..}}}</c> messages (the
/// paper endpoint sends binary frames, so both kinds are read).
/// <para>When the connection drops it reconnects with exponential backoff, subscribes again and, before reading on,
/// catches up over REST: every order submitted since the oldest order still open (or the last event seen) is compared
/// with what the stream last said about it, so what changed while disconnected is emitted once and what was already
/// seen is not emitted again (<see cref="BrokerOrderTracker"/>). Refused credentials end the stream with a
/// <see cref="BrokerException"/>; every other failure is retried.</para>
/// </summary>
internal sealed class AlpacaTradeUpdatesStream(AlpacaBroker broker, AlpacaOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan CatchUpMargin = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<BrokerOrderEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<BrokerOrderEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    private async Task ProduceAsync(ChannelWriter<BrokerOrderEvent> writer, CancellationToken cancellationToken)
    {
        var tracker = new BrokerOrderTracker();
        var started = time.GetUtcNow().UtcDateTime;
        var connections = 0;
        var failures = 0;
        try
        {
            while (true)
            {
                try
                {
                    using var socket = new ClientWebSocket();
                    await socket.ConnectAsync(options.StreamBase, cancellationToken).ConfigureAwait(false);
                    await SubscribeAsync(socket, cancellationToken).ConfigureAwait(false);
                    connections++;
                    failures = 0;
                    logger.LogInformation("Alpaca trade_updates: listening (connection {Connection})", connections);
                    if (connections > 1)
                    {
                        await CatchUpAsync(tracker, started, writer, cancellationToken).ConfigureAwait(false);
                    }

                    while (await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false) is { } message)
                    {
                        foreach (var e in Handle(tracker, message))
                        {
                            await writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    logger.LogWarning("Alpaca trade_updates: the server closed the connection");
                }
                catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unauthorized)
                {
                    writer.TryComplete(ex);
                    return;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is WebSocketException or IOException or HttpRequestException or BrokerException or JsonException)
                {
                    logger.LogWarning("Alpaca trade_updates: {Error}; reconnecting", ex.Message);
                }

                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(options.MaxReconnectDelay.Ticks, options.ReconnectDelay.Ticks * (1L << Math.Min(failures - 1, 16))));
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            // Anything unforeseen ends the stream with its error rather than leaving the reader waiting forever.
            writer.TryComplete(ex);
        }
    }

    private async Task SubscribeAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        await SendAsync(socket, JsonSerializer.Serialize(new { action = "auth", key = options.KeyId, secret = options.SecretKey }), cancellationToken).ConfigureAwait(false);
        using (var auth = await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false) ?? throw Closed("authorization"))
        {
            var root = auth.RootElement;
            if (!IsStream(root, "authorization"))
            {
                throw AlpacaWire.Protocol("stream", "stream", "the first message must be the authorization answer");
            }

            var status = root.GetProperty("data").TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status != "authorized")
            {
                throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.Unauthorized, BrokerReasonCodes.Unauthorized, $"trade_updates: authorization '{status}'");
            }
        }

        await SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""", cancellationToken).ConfigureAwait(false);
        using var listening = await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false) ?? throw Closed("listening");
        var data = listening.RootElement.TryGetProperty("data", out var d) ? d : default;
        if (!IsStream(listening.RootElement, "listening") || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("streams", out var streams)
            || !streams.EnumerateArray().Any(x => x.GetString() == "trade_updates"))
        {
            throw AlpacaWire.Protocol("stream", "listening", "trade_updates was not acknowledged");
        }
    }

    /// <summary>What changed while disconnected: the orders that may have moved, compared with what was last seen of each.</summary>
    private async Task CatchUpAsync(BrokerOrderTracker tracker, DateTime started, ChannelWriter<BrokerOrderEvent> writer, CancellationToken cancellationToken)
    {
        var last = tracker.LastSeen ?? started;
        var since = (tracker.OldestOpen is { } open && open < last ? open : last) - CatchUpMargin;
        var orders = await broker.GetOrdersAsync(new BrokerOrderQuery(BrokerOrderScope.All, since), cancellationToken).ConfigureAwait(false);
        var emitted = 0;
        foreach (var order in orders.SelectMany(o => new[] { o }.Concat(o.Legs ?? [])))
        {
            // Orders from before the stream started and never seen on it are not this stream's news.
            if (tracker.StatusOf(order.ClientOrderId) is null && order.Created < started)
            {
                continue;
            }

            foreach (var e in tracker.Observe(order, order.VenueStatus, order.Updated))
            {
                await writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
                emitted++;
            }
        }

        logger.LogInformation("Alpaca trade_updates: caught up {Orders} orders since {Since:o}, {Events} events missed while disconnected", orders.Count, since, emitted);
    }

    private IReadOnlyList<BrokerOrderEvent> Handle(BrokerOrderTracker tracker, JsonDocument message)
    {
        using (message)
        {
            var root = message.RootElement;
            if (!IsStream(root, "trade_updates") || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            try
            {
                var venueEvent = data.TryGetProperty("event", out var ev) && ev.ValueKind == JsonValueKind.String ? ev.GetString()! : throw AlpacaWire.Protocol("trade_update", "event", "missing");
                var order = AlpacaWire.Order(data.TryGetProperty("order", out var o) ? o : throw AlpacaWire.Protocol("trade_update", "order", "missing"));
                var at = AlpacaWire.OptionalTime(data, "timestamp") ?? order.Updated;
                return tracker.Observe(order, venueEvent, at, AlpacaWire.Number(data, "trade_update", "price"), AlpacaStatusMap.IsInformational(venueEvent));
            }
            catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Protocol)
            {
                // One unreadable update must not stop the stream; the next catch-up compares the order again.
                logger.LogError("Alpaca trade_updates: unreadable update skipped: {Error}", ex.Message);
                return [];
            }
        }
    }

    private static bool IsStream(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == name;

    private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(json)), WebSocketMessageType.Text, true, cancellationToken).AsTask();

    /// <summary>The next whole message (text or binary frames), or null when the server closed.</summary>
    private static async Task<JsonDocument?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }

    private static BrokerException Closed(string waitingFor) =>
        new(AlpacaWire.Broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, $"trade_updates closed while waiting for '{waitingFor}'");
}
