using MarketIntel.Brokers.OrderIds;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// A submit at a venue that does not deduplicate by our client order id (Schwab, tastytrade), made safe by the durable
/// <see cref="IBrokerOrderIdMap"/>: the intent (our id, the body's fingerprint, the time) is written BEFORE the send and
/// the venue's id after. A mapped id answers with its one order; an intent left by an earlier attempt (a lost answer, a
/// restart) is resolved against the venue before anything is sent, and a different body under an unresolved id is
/// refused. A send whose outcome is unknown (timeout, 5xx, dropped connection) is resolved the same way (the adapter's
/// <c>resolve</c>: adopt exactly one match, none means send again, several is its error); a definite refusal forgets the
/// intent, so a later retry may send again.
/// </summary>
public sealed class IntentSubmission(string broker, string account, IBrokerOrderIdMap map, VenueRestClient client, TimeProvider time, ILogger logger, int maxAttempts)
{
    /// <param name="request">The order; its client order id is the key.</param>
    /// <param name="fingerprint">The content of the body to be sent (<see cref="OrderFingerprint"/>).</param>
    /// <param name="rejectedStatus">The venue's word for a rejected order, shown on the order a refusal returns.</param>
    /// <param name="send">One send: the definite outcome, or null when it is unknown (a 5xx); a timeout or dropped connection throws kind Unavailable.</param>
    /// <param name="resolve">The venue's order an intent created, or null when the venue shows none.</param>
    /// <param name="getOrder">The order under our client order id once mapped.</param>
    /// <param name="cancellationToken">Stops waiting; an intent already written stays for the next attempt to resolve.</param>
    public async Task<BrokerSubmitResult> SubmitAsync(
        BrokerOrderRequest request,
        string fingerprint,
        string rejectedStatus,
        Func<CancellationToken, Task<SubmitOutcome?>> send,
        Func<BrokerOrderIntent, CancellationToken, Task<BrokerOrder?>> resolve,
        Func<string, CancellationToken, Task<BrokerOrder?>> getOrder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(getOrder);
        var id = request.ClientOrderId;
        var mine = new BrokerOrderIntent(id, fingerprint, time.GetUtcNow(), null);
        var intent = await map.RecordIntentAsync(broker, account, mine, cancellationToken).ConfigureAwait(false);

        // A mapped id names its one order, whatever this request says (as Alpaca answers a reused client order id).
        if (intent.VenueOrderId is { } known)
        {
            return new BrokerSubmitResult(await getOrder(id, cancellationToken).ConfigureAwait(false)
                ?? throw new BrokerException(broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"'{id}' is mapped to order {known}, which the venue does not return", 404), true);
        }

        if (intent.Fingerprint != fingerprint)
        {
            // An unresolved intent can only be matched by its own content; a different body under the id cannot be resolved safely.
            throw new BrokerException(broker, BrokerErrorKind.Refused, BrokerReasonCodes.InvalidRequest,
                $"client order id '{id}' has an unresolved earlier send of a different order; a client order id names one order");
        }

        // An intent from an earlier attempt may have reached the venue: look before sending.
        if (intent.IntendedAt != mine.IntendedAt && await resolve(intent, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return new BrokerSubmitResult(found, true);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await send(cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    if (outcome.VenueOrderId is { } venueId)
                    {
                        await map.RecordVenueIdAsync(broker, account, id, venueId, cancellationToken).ConfigureAwait(false);
                        return new BrokerSubmitResult(await getOrder(id, cancellationToken).ConfigureAwait(false)
                            ?? throw new BrokerException(broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, $"the venue created order {venueId} but does not return it"), false);
                    }

                    // A definite refusal: nothing was created, so the intent goes and a later retry may send again.
                    await map.ForgetAsync(broker, account, id, cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("{Broker} rejected {ClientOrderId}: {Reason} ({Message})", broker, id, outcome.RejectReason, outcome.Message);
                    return new BrokerSubmitResult(client.Rejected(request.Order, outcome.RejectReason!, rejectedStatus), false);
                }

                logger.LogWarning("{Broker} submit of {ClientOrderId}: a server error; outcome unknown, resolving it at the venue", broker, id);
            }
            catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unavailable)
            {
                logger.LogWarning("{Broker} submit of {ClientOrderId}: outcome unknown ({Reason}); resolving it at the venue", broker, id, ex.ReasonCode);
            }

            if (await resolve(intent, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return new BrokerSubmitResult(created, false);
            }

            if (attempt >= maxAttempts)
            {
                throw new BrokerException(broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable,
                    $"no answer for '{id}' after {attempt} attempts and the venue shows no such order; submitting again with the same id is safe");
            }

            await Task.Delay(client.Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
