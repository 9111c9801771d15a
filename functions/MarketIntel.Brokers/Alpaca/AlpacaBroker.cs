using System.Globalization;
using System.Net;
using System.Text.Json;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// Alpaca's Trading API v2 behind the broker port: orders (simple and bracket), cancel, replace, reads by our client
/// order id, positions, the account, and the <c>trade_updates</c> stream (<see cref="AlpacaTradeUpdatesStream"/>).
/// <para>The client order id is the idempotency key. A submit whose outcome is unknown (a timeout, a dropped
/// connection, a 5xx) is resolved by <c>GET /v2/orders:by_client_order_id</c> before anything is sent again, and Alpaca
/// refuses a second order under the same id (422), which this adapter answers with the existing order: a retried
/// submission can never create a second order.</para>
/// <para>Every request first takes a permit of a client-side sliding-window limiter (under Alpaca's published 200 per
/// minute); a 429 is waited out (Retry-After when sent, else the X-Ratelimit-Reset time, else exponential backoff) by a
/// Polly retry on the injected <see cref="TimeProvider"/>. A 429 is answered before Alpaca processes the request, so
/// retrying one is safe even for a submit; 5xx and timeouts are never blindly retried for a submit or a replace.</para>
/// <para>Credentials go only into the two request headers; nothing logged carries them.</para>
/// </summary>
public sealed class AlpacaBroker : IBroker, IDisposable
{
    /// <summary>
    /// What Alpaca takes (equities): market, limit, stop and stop-limit (trailing stops are not sent by this adapter);
    /// day, gtc and ioc; brackets with day or gtc; fractional quantities; short selling; replace. It refuses an order that
    /// would flip a position ("insufficient qty"), so reversal in one order is false: the caller sends close-then-open.
    /// </summary>
    public static BrokerCapabilities AlpacaCapabilities { get; } = new(
        AlpacaWire.Broker,
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit },
        new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc, TimeInForce.Ioc },
        Brackets: true,
        BracketTimesInForce: new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc },
        Fractional: true,
        ShortSelling: true,
        ReversalInOneOrder: false,
        Replace: true,
        MaxRequestsPerMinute: 200,
        MaxClientOrderIdLength: 128);

    private const int PageSize = 500;
    private readonly HttpClient _http;
    private readonly AlpacaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VenueHttpPipeline _pipeline;
    private readonly VenueRestClient _rest;

    public AlpacaBroker(HttpClient http, AlpacaOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"{problem.Setting}: {problem.Message}", nameof(options));
        }

        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _pipeline = new VenueHttpPipeline(http, AlpacaWire.Broker,
            new VenueHttpOptions(options.RequestTimeout, options.MaxRequestsPerMinute, options.RateWindow, options.MaxRateLimitRetries, options.RetryBaseDelay), _time, _logger);
        _rest = new VenueRestClient(AlpacaWire.Broker, SendAsync, AlpacaWire.ErrorMessage, _time, options.MaxSubmitAttempts, options.RetryBaseDelay);
    }

    public string Name => _options.IsLive ? "alpaca-live" : "alpaca-paper";

    public BrokerCapabilities Capabilities => AlpacaCapabilities;

    /// <summary>Alpaca has no dry-run endpoint: the capability check against the position Alpaca reports.</summary>
    public async Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return BrokerPreflight.Of(Capabilities.Refusal(request, await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false)));
    }

    public async Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false);
        Capabilities.EnsureCanSend(request, position);
        var body = AlpacaWire.OrderBody(request);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await SendAsync(HttpMethod.Post, "/v2/orders", body, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unavailable)
            {
                _logger.LogWarning("Alpaca submit of {ClientOrderId}: outcome unknown ({Reason}); asking for the client order id", request.ClientOrderId, ex.ReasonCode);
            }

            if (response is not null)
            {
                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        return new BrokerSubmitResult(ParseOrder(text), false);
                    }

                    if (status is 400 or 403 or 422)
                    {
                        var message = AlpacaWire.ErrorMessage(text);
                        var reason = AlpacaRejectReasons.Of(status, message);
                        if (reason == BrokerReasonCodes.DuplicateClientOrderId)
                        {
                            var existing = await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false)
                                ?? throw AlpacaWire.Protocol("order", "client_order_id", $"Alpaca says '{request.ClientOrderId}' exists but does not return it");
                            return new BrokerSubmitResult(existing, true);
                        }

                        _logger.LogInformation("Alpaca rejected {ClientOrderId}: {Reason} ({Status}: {Message})", request.ClientOrderId, reason, status, message);
                        return new BrokerSubmitResult(_rest.Rejected(request.Order, reason, "rejected"), false);
                    }

                    if (status < 500)
                    {
                        throw Failure(status, text, "submit");
                    }

                    _logger.LogWarning("Alpaca submit of {ClientOrderId}: {Status}; outcome unknown, asking for the client order id", request.ClientOrderId, status);
                }
            }

            // The outcome is unknown: the order may exist. Ask for it under its id before sending anything again.
            if (await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return new BrokerSubmitResult(created, false);
            }

            if (attempt >= _options.MaxSubmitAttempts)
            {
                throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable,
                    $"no answer for '{request.ClientOrderId}' after {attempt} attempts and Alpaca has no order under it; submitting again with the same id is safe");
            }

            await Task.Delay(_rest.Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var order = await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no order '{clientOrderId}'", 404);
        using (var response = await SendAsync(HttpMethod.Delete, "/v2/orders/" + Uri.EscapeDataString(order.VenueOrderId!), null, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw (int)response.StatusCode == 422
                    ? new BrokerException(AlpacaWire.Broker, BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable, $"'{clientOrderId}': {AlpacaWire.ErrorMessage(text)}", 422)
                    : Failure((int)response.StatusCode, text, "cancel");
            }
        }

        return await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false) ?? order;
    }

    public async Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Capabilities.EnsureCanReplace();
        if (await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false) is { } done)
        {
            // A retried replace: the replacing order exists already.
            return done;
        }

        var order = await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no order '{request.ClientOrderId}'", 404);
        try
        {
            using var response = await SendAsync(HttpMethod.Patch, "/v2/orders/" + Uri.EscapeDataString(order.VenueOrderId!), AlpacaWire.ReplaceBody(request), cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return ParseOrder(text);
            }

            if ((int)response.StatusCode == 422)
            {
                throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable, $"'{request.ClientOrderId}' cannot be replaced: {AlpacaWire.ErrorMessage(text)}", 422);
            }

            if ((int)response.StatusCode < 500)
            {
                throw Failure((int)response.StatusCode, text, "replace");
            }
        }
        catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unavailable)
        {
            _logger.LogWarning("Alpaca replace of {ClientOrderId}: outcome unknown ({Reason})", request.ClientOrderId, ex.ReasonCode);
        }

        return await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new BrokerException(AlpacaWire.Broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.UnknownOutcome,
                $"replace of '{request.ClientOrderId}' not confirmed; '{request.NewClientOrderId}' resolves it (ReplaceAsync again is safe)");
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        var text = await ReadAsync("/v2/orders:by_client_order_id?client_order_id=" + Uri.EscapeDataString(clientOrderId), allowNotFound: true, cancellationToken).ConfigureAwait(false);
        return text is null ? null : ParseOrder(text);
    }

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new List<BrokerOrder>();
        var after = query.Since;
        while (true)
        {
            var path = $"/v2/orders?status={(query.Scope == BrokerOrderScope.Open ? "open" : "all")}&limit={PageSize.ToString(CultureInfo.InvariantCulture)}&direction=asc&nested=true"
                + (after is { } a ? "&after=" + Uri.EscapeDataString(AlpacaWire.Iso(a)) : "");
            var text = await ReadAsync(path, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            using var doc = Parse(text!, "orders");
            var page = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(AlpacaWire.Order).ToList() : throw AlpacaWire.Protocol("orders", "(body)", "an array is required");
            result.AddRange(page);
            if (page.Count < PageSize)
            {
                return result;
            }

            after = page[^1].Created;
        }
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var text = await ReadAsync("/v2/positions", allowNotFound: false, cancellationToken).ConfigureAwait(false);
        using var doc = Parse(text!, "positions");
        return doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(AlpacaWire.Position).ToArray() : throw AlpacaWire.Protocol("positions", "(body)", "an array is required");
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var text = await ReadAsync("/v2/account", allowNotFound: false, cancellationToken).ConfigureAwait(false);
        using var doc = Parse(text!, "account");
        return AlpacaWire.Account(doc.RootElement);
    }

    public IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(CancellationToken cancellationToken = default) =>
        new AlpacaTradeUpdatesStream(this, _options, _time, _logger).ReadAllAsync(cancellationToken);

    public void Dispose() => _pipeline.Dispose();

    /// <summary>The signed position in <paramref name="symbol"/> (0 when Alpaca has none), for the capability check.</summary>
    private async Task<double> PositionOfAsync(string symbol, CancellationToken cancellationToken)
    {
        var text = await ReadAsync("/v2/positions/" + Uri.EscapeDataString(symbol.Replace("/", "", StringComparison.Ordinal)), allowNotFound: true, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return 0;
        }

        using var doc = Parse(text, "position");
        return AlpacaWire.Position(doc.RootElement).Quantity;
    }

    /// <summary>A GET: 404 is null where allowed; an unanswered request is tried again (reads change nothing).</summary>
    private Task<string?> ReadAsync(string path, bool allowNotFound, CancellationToken cancellationToken) => _rest.ReadAsync(path, allowNotFound, cancellationToken);

    /// <summary>One request through the shared pipeline (limiter, 429 waits, timeout), with the two key headers.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(method, new Uri(_options.RestBase, path), body, request =>
        {
            request.Headers.Add("APCA-API-KEY-ID", _options.KeyId);
            request.Headers.Add("APCA-API-SECRET-KEY", _options.SecretKey);
        }, cancellationToken);

    private static BrokerOrder ParseOrder(string text)
    {
        using var doc = Parse(text, "order");
        return AlpacaWire.Order(doc.RootElement);
    }

    private static JsonDocument Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw AlpacaWire.Protocol(what, "(body)", $"not JSON: {ex.Message}");
        }
    }

    private BrokerException Failure(int status, string text, string what) => _rest.Failure(status, text, what);
}
