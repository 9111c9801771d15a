using MarketIntel.Brokers.Secrets;
using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Operations;

/// <summary>
/// A person's OAuth2 consent through <see cref="BrokerOperations"/>: the state handed out must come back, once and within
/// ten minutes, from the redirect address or given alone; the code reaches the venue only then; a venue without OAuth2
/// is a 409; nothing is kept in memory (a second instance finishes what the first started).
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerAuthorizationTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-consent-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));
    private readonly ConsentVenue _venue = new();
    private readonly DataProtectedSecretStore _secrets;
    private readonly EmbeddedRecordStore _records;

    public BrokerAuthorizationTests()
    {
        _secrets = new DataProtectedSecretStore(Path.Combine(_data, "secrets"));
        _records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), _time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    // A fresh instance each call: what it knows is in the stores.
    private BrokerOperations Operations()
    {
        var connections = new BrokerConnections([BrokerConnection.Of("schwab-main", "schwab", "live", _venue), BrokerConnection.Of("paper", "paper", "paper", new NoConsentVenue())]);
        var execution = new BrokerExecution(_records, connections, _time);
        return new BrokerOperations(connections, _secrets, execution, new BrokerReconciler(_records, connections, execution, _time), new BrokerStatusBoard(_time), _time);
    }

    [Fact]
    public async Task TheRedirectAddress_CompletesTheConsent_OnAnotherInstance_AndItsStateServesOnce()
    {
        var start = await Operations().StartAuthorizationAsync("schwab-main");
        Assert.Equal($"https://venue.example/authorize?state={start.State}", start.Url.ToString());

        var view = await Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody($"https://127.0.0.1:8182/?code=C0DE%2B1&state={start.State}"));

        Assert.Equal(["C0DE+1"], _venue.Codes);
        Assert.Equal(BrokerTokenStatus.Connected, view.Tokens!.State);
        var again = await Assert.ThrowsAsync<PaperTradingException>(() => Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody(null, "C0DE+1", start.State)));
        Assert.Equal((400, "state"), (again.Status, again.Field));
        Assert.Single(_venue.Codes);
    }

    [Fact]
    public async Task AWrongOrExpiredState_IsRefused_AndTheCodeNeverReachesTheVenue()
    {
        var start = await Operations().StartAuthorizationAsync("schwab-main");
        var wrong = await Assert.ThrowsAsync<PaperTradingException>(() => Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody(null, "c", "forged")));
        Assert.Equal((400, "state"), (wrong.Status, wrong.Field));

        var late = await Operations().StartAuthorizationAsync("schwab-main");
        _time.Advance(BrokerOperations.AuthorizationWindow + TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAsync<PaperTradingException>(() => Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody(null, "c", late.State)));
        Assert.Equal((400, "state"), (expired.Status, expired.Field));
        Assert.NotEqual(start.State, late.State);
        Assert.Empty(_venue.Codes);
    }

    [Fact]
    public async Task MissingCodes_BadAddresses_UnknownConnectionsAndVenuesWithoutConsent_AreNamed()
    {
        var start = await Operations().StartAuthorizationAsync("schwab-main");

        async Task<(int, string)> Problem(Func<Task> call)
        {
            var e = await Assert.ThrowsAsync<PaperTradingException>(call);
            return (e.Status, e.Field);
        }

        Assert.Equal((400, "code"), await Problem(() => Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody($"https://127.0.0.1/?state={start.State}"))));
        Assert.Equal((400, "redirectUrl"), await Problem(() => Operations().CompleteAuthorizationAsync("schwab-main", new BrokerAuthorizationBody("not a url"))));
        Assert.Equal((404, "connection"), await Problem(() => Operations().StartAuthorizationAsync("nope")));
        Assert.Equal((409, "connection"), await Problem(() => Operations().StartAuthorizationAsync("paper")));
        Assert.Empty(_venue.Codes);
    }

    /// <summary>A venue double that takes consent: its URL carries the state, a code moves it to connected.</summary>
    private sealed class ConsentVenue : NoConsentVenue, IBrokerAuthorization
    {
        public List<string> Codes { get; } = [];

        private BrokerTokenStatus _status = new(BrokerTokenStatus.NotAuthorized, null, null, null, "consent needed");

        public Uri AuthorizeUrl(string state) => new($"https://venue.example/authorize?state={state}");

        public Task<BrokerTokenStatus> GetTokenStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(_status);

        public Task AuthorizeAsync(string code, CancellationToken cancellationToken = default)
        {
            Codes.Add(code);
            _status = new BrokerTokenStatus(BrokerTokenStatus.Connected, DateTimeOffset.UnixEpoch, null, null, null);
            return Task.CompletedTask;
        }
    }

    /// <summary>A venue double for the calls these tests never make.</summary>
    private class NoConsentVenue : IBroker
    {
        public string Name => "double";

        public BrokerCapabilities Capabilities => throw new NotSupportedException();

        public Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
