using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// The broker port: what the platform asks of any venue, the internal paper engine and real brokers alike. Orders are
/// named by OUR client order id (<see cref="BrokerClientOrderId"/>), which is also the idempotency key: submitting the
/// same id again returns the one order, never a second. Statuses are OUR <see cref="OrderStatus"/>; an adapter maps its
/// venue's names and reports a sequence our state machine does not allow as an error event, never silently.
/// <para>Before anything is sent, an adapter checks the request against its <see cref="Capabilities"/> and refuses what
/// the venue cannot take (<see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Refused"/>, naming the
/// capability). A venue's rejection of a well-formed order is not an exception: the result is the order with status
/// <see cref="OrderStatus.Rejected"/> and a reason code from <see cref="BrokerReasonCodes"/>.</para>
/// <para>Order events are a pull stream (<see cref="StreamOrderEventsAsync"/>): the caller owns the loop and its
/// cancellation, and an adapter reconnects underneath it, catching up what it missed, so a consumer sees each change once.</para>
/// <para>Shaped for the venues still to come: credentials and OAuth2 tokens belong to an adapter's own options and
/// token source, never to these calls; <see cref="PreflightAsync"/> is where a venue's dry-run endpoint answers (tastytrade),
/// and elsewhere the capability check and what the adapter can read; a venue that names orders only by its own id (the
/// <c>Location</c> header of a Schwab submit) keeps the mapping from our client order id inside the adapter, so every
/// call here still takes ours; a venue without <see cref="BrokerCapabilities.ReversalInOneOrder"/> is sent a reversal as
/// two orders (close, then open) by the caller, each with its own deterministic id.</para>
/// </summary>
public interface IBroker
{
    /// <summary>A short stable name for logs and events (<c>paper</c>, <c>alpaca-paper</c>).</summary>
    string Name { get; }

    BrokerCapabilities Capabilities { get; }

    /// <summary>
    /// Whether the venue would take the order, without sending it: the capability check against the current position,
    /// and the venue's dry run where it has one. A refusal names the capability or reason code; nothing is created.
    /// </summary>
    Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends an order (a bracket when <see cref="BrokerOrderRequest.Bracket"/> is set); a repeated client order id returns the existing order with <see cref="BrokerSubmitResult.Duplicate"/>.</summary>
    Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks the venue to cancel a working order; returns the order as the venue reports it after the request.</summary>
    Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Changes a working order's quantity or prices; the result is the replacing order under <see cref="BrokerReplaceRequest.NewClientOrderId"/>.</summary>
    Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default);

    /// <summary>The order with our client order id, or null when the venue has none.</summary>
    Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default);

    Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default);

    /// <summary>The account's order events from now on, until <paramref name="cancellationToken"/> is canceled.</summary>
    IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(CancellationToken cancellationToken = default);
}
