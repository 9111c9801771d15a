using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// Charles Schwab's Trader API (<c>https://api.schwabapi.com/trader/v1</c>) behind the broker port: orders (simple,
/// bracket, reversal), preview as the pre-flight, cancel, replace, reads, positions and balances, and order events by
/// polling. Requests carry the OAuth2 bearer token of an <see cref="OAuthTokenSource"/> (refreshed ahead of expiry and
/// once on a 401). Accounts are addressed by the hash <c>accounts/accountNumbers</c> gives for the configured number.
/// <para>Schwab takes no client order id and answers a submit with 201 and the new order's id only in the
/// <c>Location</c> header. So the adapter records the intent (our id, the body's fingerprint, the time) in an
/// <see cref="IBrokerOrderIdMap"/> BEFORE sending and the venue id after; a submit whose outcome is unknown (timeout, 5xx,
/// dropped connection) or a retry after a restart reads the orders entered since the intent and adopts exactly one
/// unmapped order with the same fingerprint, sends again when there is none, and refuses to guess when there are several.</para>
/// </summary>
public sealed partial class SchwabBroker : IBroker, IBrokerAuthorization, IDisposable
{
    /// <summary>
    /// What Schwab takes for equities through this adapter: market, limit, stop, stop-limit; day, GTC and IOC; brackets
    /// (TRIGGER + OCO) with day or GTC; no fractional shares; short selling; replace (PUT). ReversalInOneOrder is true
    /// because the adapter sends a reversal as ONE contingent order (a TRIGGER closing the position whose child opens the
    /// other side), not as one order that crosses zero, which Schwab does not take. Schwab lets an app make at most 120
    /// order-related requests per minute per account.
    /// </summary>
    public static BrokerCapabilities SchwabCapabilities { get; } = new(
        SchwabWire.Broker,
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit },
        new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc, TimeInForce.Ioc },
        Brackets: true,
        BracketTimesInForce: new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc },
        Fractional: false,
        ShortSelling: true,
        ReversalInOneOrder: true,
        Replace: true,
        MaxRequestsPerMinute: 120,
        MaxClientOrderIdLength: BrokerClientOrderId.MaxLength);

    private static readonly TimeSpan ResolveMargin = TimeSpan.FromMinutes(1);
    private readonly SchwabOptions _options;
    private readonly OAuthTokenSource _tokens;
    private readonly IBrokerOrderIdMap _map;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VenueHttpPipeline _pipeline;
    private readonly VenueRestClient _client;
    private readonly IntentSubmission _submission;
    private string? _accountHash;

    public SchwabBroker(HttpClient http, SchwabOptions options, IBrokerSecretStore secrets, IBrokerOrderIdMap map, TimeProvider? time = null, ILogger? logger = null)
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
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _pipeline = new VenueHttpPipeline(http, SchwabWire.Broker,
            new VenueHttpOptions(options.RequestTimeout, options.MaxRequestsPerMinute, options.RateWindow, options.MaxRateLimitRetries, options.RetryBaseDelay), _time, _logger);
        Authorization = new SchwabTokenClient(_pipeline, options);
        _tokens = new OAuthTokenSource(SchwabWire.Broker, options.Connection, Authorization, secrets,
            new OAuthTokenOptions { RefreshTokenLifetime = SchwabTokenClient.RefreshTokenLifetime, RefreshTokenWarning = options.RefreshTokenWarning }, _time, _logger);
        _client = VenueRestClient.Bearer(SchwabWire.Broker, options.ApiBase, _pipeline, _tokens, SchwabWire.ErrorMessage, null, _time, options.MaxSubmitAttempts, options.RetryBaseDelay);
        _submission = new IntentSubmission(SchwabWire.Broker, options.AccountNumber, map, _client, _time, _logger, options.MaxSubmitAttempts);
    }

    public string Name => "schwab";

    public BrokerCapabilities Capabilities => SchwabCapabilities;

    /// <summary>The authorize URL and the code exchange, for the connect flow.</summary>
    public SchwabTokenClient Authorization { get; }

    /// <summary>The connection's tokens (status for the dashboard; <see cref="OAuthTokenSource.StoreAuthorizationAsync"/> after the code exchange).</summary>
    public OAuthTokenSource Tokens => _tokens;

    /// <summary>Schwab's consent page for this app and redirect URI (<c>/v1/oauth/authorize</c>).</summary>
    public Uri AuthorizeUrl(string state) => Authorization.AuthorizeUrl(state);

    /// <summary>The code from Schwab's redirect exchanged for the first tokens, stored before anything uses them.</summary>
    public async Task AuthorizeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var grant = await Authorization.ExchangeCodeAsync(code, cancellationToken).ConfigureAwait(false);
        await _tokens.StoreAuthorizationAsync(grant, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerTokenStatus> GetTokenStatusAsync(CancellationToken cancellationToken = default) =>
        (await _tokens.GetStatusAsync(cancellationToken).ConfigureAwait(false)).ToBrokerTokenStatus();

    /// <summary>The capability check against Schwab's position, then Schwab's <c>previewOrder</c> of the exact body.</summary>
    public async Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false);
        if (ContingentReversal.Refusal(Capabilities, request, position) is { } refusal)
        {
            return BrokerPreflight.Of(refusal);
        }

        var text = await _client.CallAsync(HttpMethod.Post, await AccountPathAsync(cancellationToken).ConfigureAwait(false) + "/previewOrder",
            SchwabWire.OrderBody(request, position).ToJsonString(), "preview", cancellationToken).ConfigureAwait(false);
        using var doc = SchwabWire.Json.Parse(text, "preview");
        return SchwabWire.PreviewRejection(doc.RootElement) is { } message
            ? new BrokerPreflight(false, SchwabRejectReasons.Of(message), message)
            : BrokerPreflight.Pass;
    }

    public async Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionOfAsync(request.Order.Symbol, cancellationToken).ConfigureAwait(false);
        if (ContingentReversal.Refusal(Capabilities, request, position) is { } refusal)
        {
            throw new BrokerException(SchwabWire.Broker, BrokerErrorKind.Refused, refusal.Code, refusal.Message);
        }

        var body = SchwabWire.OrderBody(request, position).ToJsonString();
        string fingerprint;
        using (var parsed = JsonDocument.Parse(body))
        {
            fingerprint = SchwabWire.Fingerprint(parsed.RootElement);
        }

        var ordersPath = await OrdersPathAsync(cancellationToken).ConfigureAwait(false);
        return await _submission.SubmitAsync(request, fingerprint, "REJECTED", async ct =>
        {
            using var response = await _client.SendAsync(HttpMethod.Post, ordersPath, body, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return SubmitOutcome.Created(OrderIdFrom(response.Headers.Location)
                    ?? throw SchwabWire.Json.Protocol("submit", "Location", $"201 without an order id in the Location header ('{response.Headers.Location}')"));
            }

            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (status is 400 or 403 or 422)
            {
                var message = SchwabWire.ErrorMessage(text);
                return SubmitOutcome.Rejected(SchwabRejectReasons.Of(message), message);
            }

            return status < 500 ? throw _client.Failure(status, text, "submit") : null;
        }, ResolveAsync, GetOrderAsync, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var venueId = await VenueIdAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        var path = await OrdersPathAsync(cancellationToken).ConfigureAwait(false) + "/" + venueId;
        using (var response = await _client.SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw _client.StateFailure((int)response.StatusCode, text, clientOrderId, "be canceled");
            }
        }

        return await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new BrokerException(SchwabWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no order '{clientOrderId}'", 404);
    }

    public async Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = _options.AccountNumber;
        if (await _map.GetAsync(SchwabWire.Broker, account, request.NewClientOrderId, cancellationToken).ConfigureAwait(false) is { VenueOrderId: not null })
        {
            // A retried replace: the replacing order exists already.
            return (await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false))!;
        }

        var venueId = await VenueIdAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        var path = await OrdersPathAsync(cancellationToken).ConfigureAwait(false) + "/" + venueId;
        var originalText = await _client.CallAsync(HttpMethod.Get, path, null, "order", cancellationToken).ConfigureAwait(false);
        using var original = SchwabWire.Json.Parse(originalText, "order");
        var body = SchwabWire.ReplaceBody(SchwabWire.Order(original.RootElement), SchwabWire.Instruction(original.RootElement), request).ToJsonString();
        using (var parsed = JsonDocument.Parse(body))
        {
            await _map.RecordIntentAsync(SchwabWire.Broker, account, new BrokerOrderIntent(request.NewClientOrderId, SchwabWire.Fingerprint(parsed.RootElement), _time.GetUtcNow(), null), cancellationToken).ConfigureAwait(false);
        }

        using var response = await _client.SendAsync(HttpMethod.Put, path, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await _map.ForgetAsync(SchwabWire.Broker, account, request.NewClientOrderId, cancellationToken).ConfigureAwait(false);
            throw _client.StateFailure((int)response.StatusCode, text, request.ClientOrderId, "be replaced");
        }

        var newId = OrderIdFrom(response.Headers.Location) ?? throw SchwabWire.Json.Protocol("replace", "Location", "201 without an order id in the Location header");
        await _map.RecordVenueIdAsync(SchwabWire.Broker, account, request.NewClientOrderId, newId, cancellationToken).ConfigureAwait(false);
        return (await GetOrderAsync(request.NewClientOrderId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        var intent = await _map.GetAsync(SchwabWire.Broker, _options.AccountNumber, clientOrderId, cancellationToken).ConfigureAwait(false);
        if (intent?.VenueOrderId is not { } venueId)
        {
            return null;
        }

        var text = await _client.ReadAsync(await OrdersPathAsync(cancellationToken).ConfigureAwait(false) + "/" + venueId, allowNotFound: true, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        using var doc = SchwabWire.Json.Parse(text, "order");
        return await OursAsync(SchwabWire.Order(doc.RootElement), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = _time.GetUtcNow().UtcDateTime;

        // Schwab requires both bounds and looks back at most 60 days from the account's order list.
        var from = query.Since is { } since && since > now.AddDays(-60) ? since : now.AddDays(-60);
        var orders = await EnteredSinceAsync(from, cancellationToken).ConfigureAwait(false);
        return query.Scope == BrokerOrderScope.Open ? orders.Where(o => !OrderTransitions.IsTerminal(o.Status)).ToArray() : orders;
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await AccountDocumentAsync(positions: true, cancellationToken).ConfigureAwait(false);
        return SchwabWire.Positions(doc.RootElement);
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await AccountDocumentAsync(positions: false, cancellationToken).ConfigureAwait(false);
        return SchwabWire.Account(doc.RootElement);
    }

    /// <summary>Order events by polling the account's orders (<see cref="SchwabOptions.PollInterval"/>), see <see cref="PolledOrderEvents"/>.</summary>
    public IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(CancellationToken cancellationToken = default) =>
        new PolledOrderEvents(SchwabWire.Broker, EnteredSinceAsync, _options.PollInterval, _time, _logger).ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _pipeline.Dispose();
        _tokens.Dispose();
    }

    /// <summary>
    /// The order an intent created, if Schwab has it: orders entered since the intent (less a margin for clock skew) whose
    /// fingerprint equals the intent's and which no other id of ours maps. One is adopted; several is an error, never a guess.
    /// </summary>
    private async Task<BrokerOrder?> ResolveAsync(BrokerOrderIntent intent, CancellationToken cancellationToken)
    {
        var text = await OrdersEnteredSinceTextAsync(intent.IntendedAt.UtcDateTime - ResolveMargin, cancellationToken).ConfigureAwait(false);
        using var doc = SchwabWire.Json.Parse(text, "orders");
        var matches = new List<string>();
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            var venueId = o.GetProperty("orderId").ToString();
            if (SchwabWire.Fingerprint(o) == intent.Fingerprint
                && await _map.ClientOrderIdOfAsync(SchwabWire.Broker, _options.AccountNumber, venueId, cancellationToken).ConfigureAwait(false) is null)
            {
                matches.Add(venueId);
            }
        }

        if (matches.Count > 1)
        {
            throw new BrokerException(SchwabWire.Broker, BrokerErrorKind.Conflict, BrokerReasonCodes.UnknownOutcome,
                $"'{intent.ClientOrderId}': {matches.Count} unmapped Schwab orders ({string.Join(", ", matches)}) match what was sent; not guessing which is ours");
        }

        if (matches.Count == 0)
        {
            return null;
        }

        _logger.LogInformation("Schwab: {ClientOrderId} resolved to order {VenueOrderId} entered since the intent", intent.ClientOrderId, matches[0]);
        await _map.RecordVenueIdAsync(SchwabWire.Broker, _options.AccountNumber, intent.ClientOrderId, matches[0], cancellationToken).ConfigureAwait(false);
        return await GetOrderAsync(intent.ClientOrderId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<BrokerOrder>> EnteredSinceAsync(DateTime since, CancellationToken cancellationToken)
    {
        var text = await OrdersEnteredSinceTextAsync(since, cancellationToken).ConfigureAwait(false);
        using var doc = SchwabWire.Json.Parse(text, "orders");
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw SchwabWire.Json.Protocol("orders", "(body)", "an array is required");
        }

        var result = new List<BrokerOrder>();
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            result.Add(await OursAsync(SchwabWire.Order(o), cancellationToken).ConfigureAwait(false));
        }

        return result.OrderBy(o => o.Created).ToArray();
    }

    /// <summary>The account's orders entered from <paramref name="since"/> to a minute from now (Schwab needs both bounds).</summary>
    private async Task<string> OrdersEnteredSinceTextAsync(DateTime since, CancellationToken cancellationToken)
    {
        var path = await OrdersPathAsync(cancellationToken).ConfigureAwait(false);
        var to = _time.GetUtcNow().UtcDateTime.AddMinutes(1);
        return await _client.ReadRequiredAsync($"{path}?fromEnteredTime={Uri.EscapeDataString(SchwabWire.Iso(since))}&toEnteredTime={Uri.EscapeDataString(SchwabWire.Iso(to))}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The order under OUR client order id where the map knows it (its legs keep Schwab placeholders).</summary>
    private async Task<BrokerOrder> OursAsync(BrokerOrder order, CancellationToken cancellationToken) =>
        await _map.ClientOrderIdOfAsync(SchwabWire.Broker, _options.AccountNumber, order.VenueOrderId!, cancellationToken).ConfigureAwait(false) is { } ours
            ? order with { ClientOrderId = ours }
            : order;

    private async Task<string> VenueIdAsync(string clientOrderId, CancellationToken cancellationToken) =>
        (await _map.GetAsync(SchwabWire.Broker, _options.AccountNumber, clientOrderId, cancellationToken).ConfigureAwait(false))?.VenueOrderId
            ?? throw new BrokerException(SchwabWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, $"no Schwab order is known under '{clientOrderId}'", 404);

    private async Task<double> PositionOfAsync(string symbol, CancellationToken cancellationToken) =>
        (await GetPositionsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Symbol == symbol).Sum(p => p.Quantity);

    private async Task<JsonDocument> AccountDocumentAsync(bool positions, CancellationToken cancellationToken)
    {
        var text = await _client.ReadRequiredAsync(await AccountPathAsync(cancellationToken).ConfigureAwait(false) + (positions ? "?fields=positions" : ""), cancellationToken).ConfigureAwait(false);
        return SchwabWire.Json.Parse(text, "account");
    }

    private async Task<string> AccountPathAsync(CancellationToken cancellationToken) =>
        $"/trader/v1/accounts/{Uri.EscapeDataString(await AccountHashAsync(cancellationToken).ConfigureAwait(false))}";

    private async Task<string> OrdersPathAsync(CancellationToken cancellationToken) => await AccountPathAsync(cancellationToken).ConfigureAwait(false) + "/orders";

    /// <summary>The configured account's hash from <c>accounts/accountNumbers</c> (cached: it does not change).</summary>
    private async Task<string> AccountHashAsync(CancellationToken cancellationToken)
    {
        if (_accountHash is { } hash)
        {
            return hash;
        }

        var text = await _client.ReadRequiredAsync("/trader/v1/accounts/accountNumbers", cancellationToken).ConfigureAwait(false);
        using var doc = SchwabWire.Json.Parse(text, "accountNumbers");
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            if (VenueJson.OptionalText(entry, "accountNumber") == _options.AccountNumber)
            {
                return _accountHash = SchwabWire.Json.Text(entry, "accountNumbers", "hashValue");
            }
        }

        throw new BrokerException(SchwabWire.Broker, BrokerErrorKind.NotFound, BrokerReasonCodes.AccountBlocked, "the configured account number is not among the accounts this authorization can use");
    }

    /// <summary>The order id at the end of a Location header (<c>.../accounts/{hash}/orders/{id}</c>).</summary>
    internal static string? OrderIdFrom(Uri? location) =>
        location is null ? null : LocationOrderId().Match(location.OriginalString) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"/orders/(\d+)/?$")]
    private static partial Regex LocationOrderId();
}
