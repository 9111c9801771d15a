using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// tastytrade (the certification sandbox <c>https://api.cert.tastyworks.com</c> or production) behind the broker port:
/// orders, OTOCO brackets and OTO reversals as complex orders, the dry run as the pre-flight, cancel, cancel-replace,
/// reads, positions and balances, and order events by polling. Requests carry the OAuth2 bearer token of an
/// <see cref="OAuthTokenSource"/> (15-minute access tokens from a refresh token that does not expire).
/// <para>tastytrade does not deduplicate submissions and has no idempotency key; it echoes a client-chosen
/// <c>external-identifier</c>, which carries our client order id. The adapter records the intent in the
/// <see cref="IBrokerOrderIdMap"/> before sending and the venue id after (so an order can be found by our id on any
/// later day); an unknown outcome is resolved by the live orders (today's) carrying our identifier: one is adopted,
/// none means send again, several is an error, never a guess.</para>
/// </summary>
public sealed class TastytradeBroker : IBroker, IBrokerTokens, IDisposable
{
    /// <summary>
    /// What tastytrade takes for equities through this adapter: market, limit, stop, stop-limit; day, GTC and IOC;
    /// brackets as OTOCO complex orders (day or GTC); fractional quantities are not sent (only notional market orders
    /// take them); short selling; cancel-replace of price and type (not quantity). ReversalInOneOrder is true because the
    /// adapter sends a reversal as ONE OTO complex order (the trigger closes, its order opens the other side). tastytrade
    /// publishes no request limit.
    /// </summary>
    public static BrokerCapabilities TastytradeCapabilities { get; } = new(
        TastytradeWire.Broker,
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit },
        new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc, TimeInForce.Ioc },
        Brackets: true,
        BracketTimesInForce: new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc },
        Fractional: false,
        ShortSelling: true,
        ReversalInOneOrder: true,
        Replace: true,
        MaxRequestsPerMinute: null,
        MaxClientOrderIdLength: BrokerClientOrderId.MaxLength);

    private const int PageSize = 200;
    private readonly TastytradeOptions _options;
    private readonly IBrokerOrderIdMap _map;
    private readonly IBrokerSecretStore _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VenueHttpPipeline _pipeline;
    private readonly VenueRestClient _client;
    private readonly IntentSubmission _submission;
    private readonly string _account;

    public TastytradeBroker(HttpClient http, TastytradeOptions options, IBrokerSecretStore secrets, IBrokerOrderIdMap map, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"{problem.Setting}: {problem.Message}", nameof(options));
        }

        _options = options;
        _map = map;
        _secrets = secrets;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _account = "/accounts/" + Uri.EscapeDataString(options.AccountNumber);
        _pipeline = new VenueHttpPipeline(http, TastytradeWire.Broker,
            new VenueHttpOptions(options.RequestTimeout, options.MaxRequestsPerMinute, options.RateWindow, options.MaxRateLimitRetries, options.RetryBaseDelay), _time, _logger);
        Tokens = new OAuthTokenSource(TastytradeWire.Broker, options.Connection, new TastytradeTokenClient(_pipeline, options), secrets, new OAuthTokenOptions(), _time, _logger);
        _client = VenueRestClient.Bearer(TastytradeWire.Broker, options.ApiBase, _pipeline, Tokens, TastytradeWire.ErrorText,
            request => request.Headers.UserAgent.ParseAdd(options.UserAgent), _time, options.MaxSubmitAttempts, options.RetryBaseDelay);
        _submission = new IntentSubmission(TastytradeWire.Broker, options.AccountNumber, map, _client, _time, _logger, options.MaxSubmitAttempts);
    }

    public string Name => _options.Environment == TastytradeOptions.Production ? "tastytrade" : "tastytrade-sandbox";

    public BrokerCapabilities Capabilities => TastytradeCapabilities;

    /// <summary>The connection's tokens (status for the dashboard).</summary>
    public OAuthTokenSource Tokens { get; }

    /// <summary>
    /// Connects with a refresh token made on tastytrade's site: stored (nothing else keeps it) and exchanged for the first
    /// access token at once, so a wrong token is an error now rather than at the first order.
    /// </summary>
    public async Task ConnectAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        await Tokens.StoreAuthorizationAsync(new OAuthTokenGrant("", TimeSpan.Zero, refreshToken), cancellationToken).ConfigureAwait(false);
        await Tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses the refresh token of a grant made on tastytrade's site (the connection's stored credentials) unless it is the
    /// grant already in use: a new grant replaces the tokens (and clears a re-authorization state); the same grant after a
    /// restart changes nothing, so tokens the venue issued since are kept. Nothing is sent to tastytrade here: the first
    /// request exchanges it, and a refused grant then shows as <c>reauthorization_required</c>. What is remembered is the
    /// grant's SHA-256, in the secret store (<c>tastytrade/{connection}/grant</c>).
    /// </summary>
    public async Task UseGrantAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        var name = BrokerSecretName.Validate($"{TastytradeWire.Broker}/{_options.Connection}/grant");
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        if (await _secrets.ReadAsync(name, cancellationToken).ConfigureAwait(false) == fingerprint)
        {
            return;
        }

        // Tokens first: a crash between the two writes stores the same grant again next time, which is harmless.
        await Tokens.StoreAuthorizationAsync(new OAuthTokenGrant("", TimeSpan.Zero, refreshToken), cancellationToken).ConfigureAwait(false);
        await _secrets.WriteAsync(name, fingerprint, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerTokenStatus> GetTokenStatusAsync(CancellationToken cancellationToken = default) =>
        (await Tokens.GetStatusAsync(cancellationToken).ConfigureAwait(false)).ToBrokerTokenStatus();

    /// <summary>The capability check against tastytrade's position, then its dry run of the exact body (errors and warnings as reason codes).</summary>
    public async Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false);
        if (ContingentReversal.Refusal(Capabilities, request, position) is { } refusal)
        {
            return BrokerPreflight.Of(refusal);
        }

        var (body, complex) = TastytradeWire.OrderBody(request, position, _options.UserAgent);
        using var response = await _client.SendAsync(HttpMethod.Post, _account + (complex ? "/complex-orders/dry-run" : "/orders/dry-run"), body.ToJsonString(), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is 400 or 422)
        {
            var errors = TastytradeWire.ErrorText(text);
            return new BrokerPreflight(false, TastytradeRejectReasons.Of(errors), errors);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw _client.Failure((int)response.StatusCode, text, "dry run");
        }

        using var doc = TastytradeWire.Json.Parse(text, "dry run");
        return TastytradeWire.Warnings(TastytradeWire.Data(doc)) is { } warnings ? new BrokerPreflight(true, null, warnings) : BrokerPreflight.Pass;
    }

    public async Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false);
        if (ContingentReversal.Refusal(Capabilities, request, position) is { } refusal)
        {
            throw new BrokerException(TastytradeWire.Broker, BrokerErrorKind.Refused, refusal.Code, refusal.Message);
        }

        var (body, complex) = TastytradeWire.OrderBody(request, position, _options.UserAgent);
        var json = body.ToJsonString();
        return await _submission.SubmitAsync(request, OrderFingerprint.Of(json), "Rejected", async ct =>
        {
            using var response = await _client.SendAsync(HttpMethod.Post, _account + (complex ? "/complex-orders" : "/orders"), json, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                using var doc = TastytradeWire.Json.Parse(text, "submit");
                var data = TastytradeWire.Data(doc);
                var order = complex
                    ? (data.TryGetProperty("complex-order", out var c) && c.TryGetProperty("trigger-order", out var t) ? t : throw TastytradeWire.Json.Protocol("submit", "data.complex-order.trigger-order", "missing"))
                    : (data.TryGetProperty("order", out var o) ? o : throw TastytradeWire.Json.Protocol("submit", "data.order", "missing"));
                return SubmitOutcome.Created(TastytradeWire.Order(order).VenueOrderId!);
            }

            if (status is 400 or 422)
            {
                var errors = TastytradeWire.ErrorText(text);
                return SubmitOutcome.Rejected(TastytradeRejectReasons.Of(errors), errors);
            }

            return status < 500 ? throw _client.Failure(status, text, "submit") : null;
        }, (intent, ct) => ResolveAsync(intent.ClientOrderId, ct), GetOrderAsync, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var venueId = await VenueIdAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        var text = await _client.ReadRequiredAsync($"{_account}/orders/{venueId}", cancellationToken).ConfigureAwait(false);
        string? complexId;
        using (var doc = TastytradeWire.Json.Parse(text, "order"))
        {
            complexId = TastytradeWire.ComplexOrderId(TastytradeWire.Data(doc));
        }

        // The entry of a bracket or reversal is canceled with its complex order, so its contingent orders go with it.
        var path = complexId is null ? $"{_account}/orders/{venueId}" : $"{_account}/complex-orders/{complexId}";
        using (var response = await _client.SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw _client.StateFailure((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), clientOrderId, "be canceled");
            }
        }

        return (await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await _map.GetAsync(TastytradeWire.Broker, _options.AccountNumber, request.NewClientOrderId, cancellationToken).ConfigureAwait(false) is { VenueOrderId: not null })
        {
            return (await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false))!;
        }

        var original = await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new BrokerException(TastytradeWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no tastytrade order is known under '{request.ClientOrderId}'", 404);
        if (request.Quantity is { } q && q != original.Quantity)
        {
            throw new BrokerException(TastytradeWire.Broker, BrokerErrorKind.Refused, BrokerReasonCodes.ReplaceUnsupported,
                "tastytrade's cancel-replace changes price and type, not the quantity; cancel and submit a new order");
        }

        var body = TastytradeWire.ReplaceBody(original, request, _options.UserAgent).ToJsonString();
        await _map.RecordIntentAsync(TastytradeWire.Broker, _options.AccountNumber, new BrokerOrderIntent(request.NewClientOrderId, OrderFingerprint.Of(body), _time.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);
        using var response = await _client.SendAsync(HttpMethod.Put, $"{_account}/orders/{original.VenueOrderId}", body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await _map.ForgetAsync(TastytradeWire.Broker, _options.AccountNumber, request.NewClientOrderId, cancellationToken).ConfigureAwait(false);
            throw _client.StateFailure((int)response.StatusCode, text, request.ClientOrderId, "be replaced");
        }

        using var doc = TastytradeWire.Json.Parse(text, "replace");
        var replacing = TastytradeWire.Order(TastytradeWire.Data(doc));
        await _map.RecordVenueIdAsync(TastytradeWire.Broker, _options.AccountNumber, request.NewClientOrderId, replacing.VenueOrderId!, cancellationToken).ConfigureAwait(false);
        return (await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        if ((await _map.GetAsync(TastytradeWire.Broker, _options.AccountNumber, clientOrderId, cancellationToken).ConfigureAwait(false))?.VenueOrderId is not { } venueId)
        {
            return null;
        }

        var text = await _client.ReadAsync($"{_account}/orders/{venueId}", allowNotFound: true, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        using var doc = TastytradeWire.Json.Parse(text, "order");
        var data = TastytradeWire.Data(doc);
        var order = TastytradeWire.Order(data) with { ClientOrderId = clientOrderId };
        if (TastytradeWire.ComplexOrderId(data) is not { } complexId)
        {
            return order;
        }

        // The contingent orders of a bracket (or the opening order of a reversal) are the entry's legs.
        using var complexDoc = TastytradeWire.Json.Parse(await _client.ReadRequiredAsync($"{_account}/complex-orders/{complexId}", cancellationToken).ConfigureAwait(false), "complex order");
        var complex = TastytradeWire.Data(complexDoc);
        var legs = complex.TryGetProperty("orders", out var orders) && orders.ValueKind == JsonValueKind.Array ? orders.EnumerateArray().Select(TastytradeWire.Order).ToArray() : [];
        return order with { Legs = legs };
    }

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var orders = await OrdersSinceAsync(query.Since ?? _time.GetUtcNow().UtcDateTime.AddDays(-60), cancellationToken).ConfigureAwait(false);
        return query.Scope == BrokerOrderScope.Open ? orders.Where(o => !OrderTransitions.IsTerminal(o.Status)).ToArray() : orders;
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = TastytradeWire.Json.Parse(await _client.ReadRequiredAsync(_account + "/positions", cancellationToken).ConfigureAwait(false), "positions");
        return TastytradeWire.Items(doc).Select(TastytradeWire.Position).ToArray();
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        using var doc = TastytradeWire.Json.Parse(await _client.ReadRequiredAsync(_account + "/balances", cancellationToken).ConfigureAwait(false), "balances");
        return TastytradeWire.Account(TastytradeWire.Data(doc));
    }

    /// <summary>Order events by polling the order search (<see cref="TastytradeOptions.PollInterval"/>), see <see cref="PolledOrderEvents"/>.</summary>
    public IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(CancellationToken cancellationToken = default) =>
        new PolledOrderEvents(TastytradeWire.Broker, OrdersSinceAsync, _options.PollInterval, _time, _logger).ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _pipeline.Dispose();
        Tokens.Dispose();
    }

    /// <summary>The order an earlier send created, found by our id in <c>external-identifier</c> among the live (today's) orders.</summary>
    private async Task<BrokerOrder?> ResolveAsync(string clientOrderId, CancellationToken cancellationToken)
    {
        using var doc = TastytradeWire.Json.Parse(await _client.ReadRequiredAsync(_account + "/orders/live", cancellationToken).ConfigureAwait(false), "live orders");
        var matches = TastytradeWire.Items(doc).Where(o => VenueJson.OptionalText(o, "external-identifier") == clientOrderId).Select(o => o.GetProperty("id").ToString()).ToList();
        if (matches.Count > 1)
        {
            throw new BrokerException(TastytradeWire.Broker, BrokerErrorKind.Conflict, BrokerReasonCodes.UnknownOutcome,
                $"'{clientOrderId}': {matches.Count} tastytrade orders ({string.Join(", ", matches)}) carry this external-identifier; not guessing which is ours");
        }

        if (matches.Count == 0)
        {
            return null;
        }

        _logger.LogInformation("tastytrade: {ClientOrderId} resolved to order {VenueOrderId} by its external-identifier", clientOrderId, matches[0]);
        await _map.RecordVenueIdAsync(TastytradeWire.Broker, _options.AccountNumber, clientOrderId, matches[0], cancellationToken).ConfigureAwait(false);
        return await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's orders from <paramref name="since"/>, oldest first, through the paginated order search.</summary>
    private async Task<IReadOnlyList<BrokerOrder>> OrdersSinceAsync(DateTime since, CancellationToken cancellationToken)
    {
        var result = new List<BrokerOrder>();
        for (var page = 0; ; page++)
        {
            var path = $"{_account}/orders?start-at={Uri.EscapeDataString(TastytradeWire.Iso(since))}&sort=Asc&per-page={PageSize}&page-offset={page}";
            using var doc = TastytradeWire.Json.Parse(await _client.ReadRequiredAsync(path, cancellationToken).ConfigureAwait(false), "orders");
            var items = TastytradeWire.Items(doc).Select(TastytradeWire.Order).ToList();
            result.AddRange(items);
            var totalPages = doc.RootElement.TryGetProperty("pagination", out var p) && p.TryGetProperty("total-pages", out var t) && t.TryGetInt32(out var n) ? n : 1;
            if (items.Count < PageSize || page + 1 >= totalPages)
            {
                return result;
            }
        }
    }

    private async Task<string> VenueIdAsync(string clientOrderId, CancellationToken cancellationToken) =>
        (await _map.GetAsync(TastytradeWire.Broker, _options.AccountNumber, clientOrderId, cancellationToken).ConfigureAwait(false))?.VenueOrderId
            ?? throw new BrokerException(TastytradeWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no tastytrade order is known under '{clientOrderId}'", 404);

    private async Task<double> PositionOfAsync(string symbol, CancellationToken cancellationToken) =>
        (await GetPositionsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Symbol == symbol).Sum(p => p.Quantity);
}
