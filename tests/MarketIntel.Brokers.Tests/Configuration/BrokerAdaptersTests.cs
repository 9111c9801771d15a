using System.Text.Json;
using System.Web;
using MarketIntel.Brokers.Configuration;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Secrets;
using MarketIntel.Brokers.Tests.Schwab;
using MarketIntel.Brokers.Tests.Tastytrade;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Brokers.Tests.Configuration;

/// <summary>
/// Schwab and tastytrade connections wired as the hosts wire them (settings read by <see cref="BrokerSettings"/>, adapters
/// opened by <see cref="BrokerAdapters.OpenStoredAsync"/> from credentials in the Data Protection store, the order-id map on
/// the embedded record store) and driven through <see cref="BrokerOperations"/>, the use cases behind the API, against
/// the local fakes: credentials, a person's consent for Schwab, a grant for tastytrade, token status, reconciliation,
/// a restart that keeps the tokens, and a refused grant replaced by a new one.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerAdaptersTests : IAsyncLifetime, IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-adapters-").FullName;
    private FakeSchwabServer _schwab = null!;
    private FakeTastytradeServer _tastytrade = null!;
    private BrokerConnections? _connections;

    public async Task InitializeAsync()
    {
        _schwab = await FakeSchwabServer.StartAsync();
        _tastytrade = await FakeTastytradeServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _connections?.Dispose();
        await _schwab.DisposeAsync();
        await _tastytrade.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>A fresh process's view: the settings read again, new adapters, the same stores on disk.</summary>
    private BrokerOperations Start()
    {
        _connections?.Dispose();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Brokers:Connections:schwab-main:Venue"] = "schwab",
            ["Brokers:Connections:schwab-main:Environment"] = "live",
            ["Brokers:Connections:schwab-main:AccountNumber"] = FakeSchwabServer.AccountNumber,
            ["Brokers:Connections:schwab-main:RedirectUri"] = FakeSchwabServer.RedirectUri,
            ["Brokers:Connections:schwab-main:BaseUrl"] = _schwab.BaseUrl.ToString(),
            ["Brokers:Connections:tasty:Venue"] = "tastytrade",
            ["Brokers:Connections:tasty:AccountNumber"] = FakeTastytradeServer.AccountNumber,
            ["Brokers:Connections:tasty:BaseUrl"] = _tastytrade.BaseUrl.ToString(),
        }).Build();
        var time = TimeProvider.System;
        var secrets = new DataProtectedSecretStore(Path.Combine(_data, "secrets"));
        var records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), time);
        var orderIds = new RecordStoreBrokerOrderIdMap(records, time);
        _connections = new BrokerConnections(BrokerSettings.Connections(configuration).Select(s => new BrokerConnection(s.Name, s.Venue, s.Environment, BrokerSettings.Venues[s.Venue],
            ct => BrokerAdapters.OpenStoredAsync(s, secrets, orderIds, time, NullLogger.Instance, ct))));
        var execution = new BrokerExecution(records, _connections, time);
        return new BrokerOperations(_connections, secrets, execution, new BrokerReconciler(records, _connections, execution, time), new BrokerStatusBoard(time), time);
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);

    [Fact]
    public async Task Schwab_TakesItsAppKeys_ThenAPersonsConsent_ThenReconciles_AndARestartKeepsItsTokens()
    {
        var operations = Start();
        var before = (await operations.ListAsync()).Single(c => c.Name == "schwab-main");
        Assert.Equal(("schwab", "live", false, null), (before.Venue, before.Environment, before.CredentialsStored, before.Tokens));
        Assert.Equal(["clientId", "clientSecret"], before.CredentialFields);

        var stored = await operations.SetCredentialsAsync("schwab-main", Json($$"""{"clientId":"{{FakeSchwabServer.ClientId}}","clientSecret":"{{FakeSchwabServer.ClientSecret}}"}"""));
        Assert.Equal(BrokerTokenStatus.NotAuthorized, stored.Tokens!.State);

        // The consent page is Schwab's, for this app and callback, carrying the state handed out.
        var start = await operations.StartAuthorizationAsync("schwab-main");
        Assert.Equal(new Uri(_schwab.BaseUrl, "/v1/oauth/authorize").AbsoluteUri, start.Url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(start.Url.Query);
        Assert.Equal((FakeSchwabServer.ClientId, FakeSchwabServer.RedirectUri, "code", start.State), (query["client_id"], query["redirect_uri"], query["response_type"], query["state"]));

        // Schwab sends the browser to the callback with the code; the person pastes that address.
        var redirect = $"{FakeSchwabServer.RedirectUri}?code={Uri.EscapeDataString(FakeSchwabServer.AuthorizationCode)}&state={start.State}";
        var connected = await operations.CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody(redirect));
        Assert.Equal(BrokerTokenStatus.Connected, connected.Tokens!.State);
        Assert.Equal(1, _schwab.TokenRequests("authorization_code"));
        var refreshExpires = connected.Tokens.RefreshTokenExpires!.Value;
        Assert.InRange(refreshExpires - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        _schwab.SetPosition("AAPL", 10, 180);
        var report = await operations.ReconcileAsync("schwab-main");
        Assert.Equal(1, report.PositionsChecked);

        // A restart reads the stored tokens: no new consent, no code exchanged again, the same refresh-token expiry.
        var again = Start();
        var view = (await again.ListAsync()).Single(c => c.Name == "schwab-main");
        Assert.Equal((BrokerTokenStatus.Connected, refreshExpires), (view.Tokens!.State, view.Tokens.RefreshTokenExpires!.Value));
        Assert.Equal(1, (await again.ReconcileAsync("schwab-main")).PositionsChecked);
        Assert.Equal(1, _schwab.TokenRequests("authorization_code"));
    }

    [Fact]
    public async Task Schwab_ARefusedCode_IsUnauthorized_AndLeavesTheConnectionWaitingForConsent()
    {
        var operations = Start();
        await operations.SetCredentialsAsync("schwab-main", Json($$"""{"clientId":"{{FakeSchwabServer.ClientId}}","clientSecret":"{{FakeSchwabServer.ClientSecret}}"}"""));
        var start = await operations.StartAuthorizationAsync("schwab-main");

        var refused = await Assert.ThrowsAsync<BrokerException>(() => operations.CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody(null, "a-wrong-code", start.State)));

        Assert.Equal(BrokerErrorKind.Unauthorized, refused.Kind);
        Assert.Equal(BrokerTokenStatus.NotAuthorized, (await operations.ListAsync()).Single(c => c.Name == "schwab-main").Tokens!.State);
    }

    [Fact]
    public async Task Tastytrade_TakesAGrantAsCredentials_UsesItOnce_AndANewGrantReplacesARefusedOne()
    {
        var operations = Start();
        var view = (await operations.ListAsync()).Single(c => c.Name == "tasty");
        Assert.Equal(("tastytrade", "paper"), (view.Venue, view.Environment));
        Assert.Equal(["clientSecret", "refreshToken"], view.CredentialFields);
        var tastyStart = await Assert.ThrowsAsync<MarketIntel.Pipeline.Trading.PaperTradingException>(() => operations.StartAuthorizationAsync("tasty"));
        Assert.Equal((409, "credentials"), (tastyStart.Status, tastyStart.Field));

        var stored = await operations.SetCredentialsAsync("tasty", Json($$"""{"clientSecret":"{{FakeTastytradeServer.ClientSecret}}","refreshToken":"{{FakeTastytradeServer.RefreshToken}}"}"""));
        Assert.Equal(BrokerTokenStatus.Connected, stored.Tokens!.State);
        Assert.Null(stored.Tokens.RefreshTokenExpires);
        Assert.Equal(0, _tastytrade.Count("POST", "/oauth/token"));

        // tastytrade has no consent page: its grant is made on the site and stored as credentials.
        var consent = await Assert.ThrowsAsync<MarketIntel.Pipeline.Trading.PaperTradingException>(() => operations.StartAuthorizationAsync("tasty"));
        Assert.Equal((409, "connection"), (consent.Status, consent.Field));

        _tastytrade.SetPosition("SPY", 5, 500);
        Assert.Equal(1, (await operations.ReconcileAsync("tasty")).PositionsChecked);
        Assert.Equal(1, _tastytrade.Count("POST", "/oauth/token"));

        // A restart keeps the tokens the venue issued: the stored grant is not applied again, no new refresh is needed.
        var restarted = Start();
        Assert.Equal(1, (await restarted.ReconcileAsync("tasty")).PositionsChecked);
        Assert.Equal(1, _tastytrade.Count("POST", "/oauth/token"));

        // The grant is revoked on the site; once the access token lapses, the refusal is a state a person sees.
        _tastytrade.Revoke(FakeTastytradeServer.RefreshToken);
        _tastytrade.ExpireAccessTokens();
        await Assert.ThrowsAsync<BrokerException>(() => restarted.ReconcileAsync("tasty"));
        Assert.Equal(BrokerTokenStatus.ReauthorizationRequired, (await restarted.ListAsync()).Single(c => c.Name == "tasty").Tokens!.State);

        _tastytrade.Grant(FakeTastytradeServer.SecondRefreshToken);
        var renewed = await restarted.SetCredentialsAsync("tasty", Json($$"""{"clientSecret":"{{FakeTastytradeServer.ClientSecret}}","refreshToken":"{{FakeTastytradeServer.SecondRefreshToken}}"}"""));
        Assert.Equal(BrokerTokenStatus.Connected, renewed.Tokens!.State);
        Assert.Equal(1, (await restarted.ReconcileAsync("tasty")).PositionsChecked);
    }

    [Fact]
    public async Task Tastytrade_ADryRunRefusal_IsJournaledAsRejected_AndNothingIsSent_ThenAnAcceptedOrderIsSentOnce()
    {
        var operations = Start();
        await operations.SetCredentialsAsync("tasty", Json($$"""{"clientSecret":"{{FakeTastytradeServer.ClientSecret}}","refreshToken":"{{FakeTastytradeServer.RefreshToken}}"}"""));
        var execution = new BrokerExecution(new EmbeddedRecordStore(new EmbeddedDatabase(_data), TimeProvider.System), _connections!, TimeProvider.System);
        BrokerOrderRequest Buy(string setup) => BrokerOrderRequest.Simple(
            new OrderRequest(BrokerClientOrderId.For("tasty", setup, "entry"), "SPY", OrderSide.Buy, OrderType.Limit, 5, 500, null, TimeInForce.Day));

        _tastytrade.RejectNextWith = "buying_power";
        var (refused, _) = await execution.SubmitAsync("tasty", Buy("s1"), OrderOrigin.Client, null);
        Assert.Equal((OrderStatus.Rejected, "insufficient_buying_power"), (refused.Status, refused.Reason));
        Assert.Empty(_tastytrade.SubmitBodies);

        var (accepted, _) = await execution.SubmitAsync("tasty", Buy("s2"), OrderOrigin.Client, null);
        var (again, duplicate) = await execution.SubmitAsync("tasty", Buy("s2"), OrderOrigin.Client, null);
        Assert.Equal(OrderStatus.Accepted, accepted.Status);
        Assert.True(duplicate);
        Assert.Equal(accepted.Venue!.VenueOrderId, again.Venue!.VenueOrderId);
        Assert.Single(_tastytrade.SubmitBodies);
        Assert.Equal(OrderStatus.Rejected, (await execution.GetAsync("tasty", refused.Entry.ClientOrderId))!.Status);
    }
}
