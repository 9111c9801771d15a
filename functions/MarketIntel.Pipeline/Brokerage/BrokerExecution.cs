using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// Orders to broker connections, journaled: the intent is written (create-only, under our client order id) BEFORE the
/// order is sent, then the venue's answer and every later order event update it. So a crash between sending and
/// recording never leaves an order the journal does not know, a second submit of the same client order id is the same
/// order (here and, through the id, at the venue), and reconciliation (<see cref="BrokerReconciler"/>) has the whole
/// list to check against the venue.
/// </summary>
public sealed class BrokerExecution(IRecordStore records, BrokerConnections connections, TimeProvider time)
{
    private const int MaxUpdateAttempts = 8;

    public static string Partition(string connection) => StorageKey.Compose("broker", connection);

    public static string OrderId(string clientOrderId) => "order|" + clientOrderId;

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="connection"/>; a client order id already journaled returns that
    /// order without sending anything, unless only its intent is recorded (the venue never answered, or the process died
    /// before sending): then it is sent again under the same id, which the port makes one order at the venue. A new order
    /// passes the venue's pre-flight first. A venue refusal (pre-flight or submit) or rejection is recorded as a rejected order with its reason code;
    /// an unknown outcome (the venue did not answer) leaves the intent for reconciliation, which asks the venue by id.
    /// </summary>
    public async Task<(BrokerOrderRecord Order, bool Duplicate)> SubmitAsync(
        string connection, BrokerOrderRequest request, OrderOrigin origin, string? cause, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var broker = await connections.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var intent = new BrokerOrderRecord(
            connection, request.Order, request.Bracket?.StopLoss, request.Bracket?.TakeProfit, PaperNames.Of(origin), cause, OrderStatus.New, null, null, now, now);
        if (await GetAsync(connection, request.ClientOrderId, cancellationToken).ConfigureAwait(false) is null)
        {
            // The venue's own check first (Alpaca: the capability table; Schwab: previewOrder; tastytrade: the dry run). A
            // refusal is journaled as a rejected order that was never sent; a reversal the venue cannot take in one order
            // goes on to be sent as a pair (below).
            var verdict = await broker.PreflightAsync(request, cancellationToken).ConfigureAwait(false);
            if (!verdict.Accepted && verdict.ReasonCode != BrokerReasonCodes.ReversalUnsupported)
            {
                var refused = intent with { Status = OrderStatus.Rejected, Reason = verdict.ReasonCode ?? BrokerReasonCodes.InvalidOrder };
                if ((await records.CreateAsync(Envelope(refused, null), cancellationToken).ConfigureAwait(false)).Outcome == WriteOutcome.Created)
                {
                    return (refused, false);
                }
            }
        }

        var created = await records.CreateAsync(Envelope(intent, null), cancellationToken).ConfigureAwait(false);
        if (created.Outcome != WriteOutcome.Created)
        {
            var existing = (await GetAsync(connection, request.ClientOrderId, cancellationToken).ConfigureAwait(false))!;
            if (existing.Venue is not null || existing.Status is not OrderStatus.New)
            {
                return (existing, true);
            }

            request = existing.ToRequest();
        }

        try
        {
            var result = await broker.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
            return (await ApplyAsync(connection, result.Order, cancellationToken).ConfigureAwait(false), result.Duplicate && created.Outcome != WriteOutcome.Created);
        }
        catch (BrokerException e) when (e.Kind is BrokerErrorKind.Refused && e.ReasonCode == BrokerReasonCodes.ReversalUnsupported)
        {
            return (await SendAsPairAsync(connection, broker, request, cancellationToken).ConfigureAwait(false), false);
        }
        catch (BrokerException e) when (e.Kind is BrokerErrorKind.Refused)
        {
            return (await UpdateAsync(connection, request.ClientOrderId, r => r with { Status = OrderStatus.Rejected, Reason = e.ReasonCode }, cancellationToken).ConfigureAwait(false), false);
        }
    }

    /// <summary>The reason an order that was sent as a close-then-open pair carries (its own record is not sent).</summary>
    public const string SentAsPair = "sent_as_close_then_open";

    /// <summary>
    /// A reversal the venue cannot take in one order, as a contingent pair: a closing order for the position (sent now)
    /// and an opening order for the rest (journaled now as an intent, sent once the close has filled: by the supervisor
    /// when the fill streams in, or by reconciliation). Each has its own deterministic id derived from the original, whose
    /// record ends canceled with reason <see cref="SentAsPair"/> and names the close. An opening order whose close did not
    /// fill is canceled, never sent.
    /// </summary>
    private async Task<BrokerOrderRecord> SendAsPairAsync(string connection, IBroker broker, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var entry = request.Order;
        var position = (await broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Symbol == entry.Symbol)?.Quantity ?? 0;
        var closing = Math.Abs(position);
        var closeId = BrokerClientOrderId.For(connection, entry.ClientOrderId, "close");
        var openId = BrokerClientOrderId.For(connection, entry.ClientOrderId, "open");
        var now = time.GetUtcNow().UtcDateTime;
        var original = await UpdateAsync(connection, entry.ClientOrderId, r => r with { Status = OrderStatus.Canceled, Reason = SentAsPair, Then = closeId }, cancellationToken).ConfigureAwait(false);
        var pairCause = $"{original.Cause ?? original.Origin}; reversal of {entry.ClientOrderId} sent as close-then-open";
        var open = entry with { ClientOrderId = openId, Quantity = entry.Quantity - closing };
        await records.CreateAsync(Envelope(new BrokerOrderRecord(
            connection, open, request.Bracket?.StopLoss, request.Bracket?.TakeProfit, original.Origin, pairCause, OrderStatus.New, null, null, now, now, After: closeId), null), cancellationToken).ConfigureAwait(false);
        var close = BrokerOrderRequest.Simple(entry with { ClientOrderId = closeId, Quantity = closing });
        var intent = new BrokerOrderRecord(connection, close.Order, null, null, original.Origin, pairCause, OrderStatus.New, null, null, now, now, Then: openId);
        if ((await records.CreateAsync(Envelope(intent, null), cancellationToken).ConfigureAwait(false)).Outcome == WriteOutcome.Created || (await GetAsync(connection, closeId, cancellationToken).ConfigureAwait(false))?.Venue is null)
        {
            var sent = await broker.SubmitAsync(close, cancellationToken).ConfigureAwait(false);
            await ApplyAsync(connection, sent.Order, cancellationToken).ConfigureAwait(false);
        }

        return original;
    }

    /// <summary>
    /// The second half of a pair: once the closing order <paramref name="close"/> has filled, its opening order is sent (once:
    /// an order already at the venue is not sent again); once it ended otherwise, the opening order is canceled unsent.
    /// Returns the opening order's record, or null when there is nothing to do yet.
    /// </summary>
    public async Task<BrokerOrderRecord?> ContinuePairAsync(string connection, BrokerOrderRecord close, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(close);
        if (close.Then is not { } openId || close.After is not null || close.Reason == SentAsPair
            || await GetAsync(connection, openId, cancellationToken).ConfigureAwait(false) is not { Venue: null, Status: OrderStatus.New } open)
        {
            return null;
        }

        if (close.Status == OrderStatus.Filled)
        {
            var broker = await connections.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            var sent = await broker.SubmitAsync(open.ToRequest(), cancellationToken).ConfigureAwait(false);
            return await ApplyAsync(connection, sent.Order, cancellationToken).ConfigureAwait(false);
        }

        return OrderTransitions.IsWorking(close.Status) || close.Status == OrderStatus.New
            ? null
            : await UpdateAsync(connection, openId, r => r with { Status = OrderStatus.Canceled, Reason = "contingent_close_not_filled" }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records what the venue says of an order (a submit's answer, a stream event, a reconciliation read). A report older
    /// than the one recorded, with fewer fills, or moving a final order back to working is stale (events and reads
    /// cross on the wire) and changes nothing.
    /// </summary>
    public Task<BrokerOrderRecord> ApplyAsync(string connection, BrokerOrder venue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return UpdateAsync(connection, venue.ClientOrderId, r => IsStale(r, venue) ? r : r with { Status = venue.Status, Reason = venue.Reason ?? r.Reason, Venue = venue }, cancellationToken);
    }

    /// <summary>Whether <paramref name="venue"/> is older news than what <paramref name="recorded"/> already holds.</summary>
    public static bool IsStale(BrokerOrderRecord recorded, BrokerOrder venue)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(venue);
        if (recorded.Venue is not { } known)
        {
            return false;
        }

        var final = recorded.Status is not OrderStatus.New && !OrderTransitions.IsWorking(recorded.Status);
        return venue.Updated < known.Updated || venue.FilledQuantity < known.FilledQuantity || (final && OrderTransitions.IsWorking(venue.Status));
    }

    public async Task<BrokerOrderRecord?> GetAsync(string connection, string clientOrderId, CancellationToken cancellationToken = default) =>
        (await records.GetAsync<BrokerOrderRecord>(RecordKinds.BrokerOrder, Partition(connection), OrderId(clientOrderId), cancellationToken).ConfigureAwait(false))?.Payload;

    /// <summary>Every order journaled for the connection, in client order id order.</summary>
    public async Task<List<BrokerOrderRecord>> OrdersAsync(string connection, CancellationToken cancellationToken = default)
    {
        var orders = new List<BrokerOrderRecord>();
        await foreach (var r in records.ReadAllAsync<BrokerOrderRecord>(RecordKinds.BrokerOrder, Partition(connection), "order|", cancellationToken).ConfigureAwait(false))
        {
            orders.Add(r.Payload);
        }

        return orders;
    }

    private async Task<BrokerOrderRecord> UpdateAsync(string connection, string clientOrderId, Func<BrokerOrderRecord, BrokerOrderRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await records.GetAsync<BrokerOrderRecord>(RecordKinds.BrokerOrder, Partition(connection), OrderId(clientOrderId), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"broker connection '{connection}' has no journaled order '{clientOrderId}' (an order the platform did not send is reported by reconciliation, never adopted)");
            var updated = change(stored.Payload) with { Updated = time.GetUtcNow().UtcDateTime };
            try
            {
                await records.UpsertAsync(Envelope(updated, stored.ETag), cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxUpdateAttempts)
            {
                // Another writer (the event stream, a reconciliation) got there first: apply on top of what it wrote.
            }
        }
    }

    private RecordEnvelope<BrokerOrderRecord> Envelope(BrokerOrderRecord order, string? etag) =>
        new(OrderId(order.ClientOrderId), Partition(order.Connection), RecordKinds.BrokerOrder, order.Created,
            JsonSerializer.SerializeToElement(new { connection = order.Connection, clientOrderId = order.ClientOrderId, origin = order.Origin, cause = order.Cause }),
            PipelineVersion.Current, PaperNames.Of(order.Status), order)
        { ETag = etag };
}
