using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Schwab;
using MarketIntel.Brokers.Tests.Schwab;
using MarketIntel.Brokers.Tests.Shared;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Reconciliation;

/// <summary>
/// The supervisor watching a Schwab connection's tokens on a fake clock: consent never given is an error event and the
/// connection waits for it; after consent nothing is said until the 7-day refresh token has less than 48 hours left (a
/// warning event, well before it expires), and once it has expired, an error event saying consent is needed again.
/// One event per change, never one per check.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerSupervisorTokenTests : IAsyncLifetime, IDisposable
{
    private const string Connection = "schwab-main";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-tokens-").FullName;
    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _time = new(Start);
    private FakeSchwabServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSchwabServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task ConsentNeeded_RefreshTokenExpiring_AndExpired_AreEachOneEvent_AndTheWarningComesTwoDaysAhead()
    {
        var records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), _time);
        using var broker = new SchwabBroker(_http, new SchwabOptions
        {
            ClientId = FakeSchwabServer.ClientId,
            ClientSecret = FakeSchwabServer.ClientSecret,
            RedirectUri = new Uri(FakeSchwabServer.RedirectUri),
            AccountNumber = FakeSchwabServer.AccountNumber,
            BaseUrl = _fake.BaseUrl,
        }, new InMemoryBrokerSecretStore(), new RecordStoreBrokerOrderIdMap(records, _time), _time);
        using var connections = new BrokerConnections([BrokerConnection.Of(Connection, "schwab", "live", broker)]);
        await connections.OpenAsync(Connection);
        var execution = new BrokerExecution(records, connections, _time);
        var board = new BrokerStatusBoard(_time);
        var events = new IngestionEventLog(records, _time, "test");
        var supervisor = new BrokerSupervisor(connections, execution, new BrokerReconciler(records, connections, execution, _time), board, _time,
            NullLogger<BrokerSupervisor>.Instance, events);

        using var stop = new CancellationTokenSource();
        var watching = supervisor.WatchTokensAsync(Connection, stop.Token);
        var supervising = supervisor.SuperviseAsync(Connection, stop.Token);

        await Eventually(async () => (await TokenEventsAsync(events)).Count == 1, "the consent-needed event");
        await Eventually(() => Task.FromResult(board.Get(Connection).State == "needs_authorization"), "the connection waits for consent");
        Assert.Equal(("error", "not authorized yet"), Last(await TokenEventsAsync(events)));

        // Consent given (the code exchange's answer stored), then checks up to 5 days less 7 minutes: more than 48 h left, nothing said.
        var (access, refresh) = _fake.IssueTokens();
        await broker.Tokens.StoreAuthorizationAsync(new OAuthTokenGrant(access, TimeSpan.FromMinutes(30), refresh));
        _time.Advance(TimeSpan.FromDays(5) - TimeSpan.FromMinutes(10));
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(BrokerSupervisor.TokenCheckInterval);
            await Task.Delay(100);
        }

        Assert.Single(await TokenEventsAsync(events));

        // Inside the 48-hour window: one warning naming the expiry, however many checks follow.
        await Eventually(async () =>
        {
            _time.Advance(BrokerSupervisor.TokenCheckInterval);
            return (await TokenEventsAsync(events)).Count == 2;
        }, "the expiring warning");
        var (severity, message) = Last(await TokenEventsAsync(events));
        Assert.Equal("warning", severity);
        Assert.Contains($"the refresh token expires at {Start + TimeSpan.FromDays(7):o}", message, StringComparison.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        Assert.Equal(2, (await TokenEventsAsync(events)).Count);

        // Past 7 days: consent is needed again.
        _time.Advance(TimeSpan.FromDays(2));
        await Eventually(async () =>
        {
            _time.Advance(BrokerSupervisor.TokenCheckInterval);
            return (await TokenEventsAsync(events)).Count == 3;
        }, "the re-authorization event");
        Assert.Equal("error", Last(await TokenEventsAsync(events)).Severity);
        Assert.Contains("re-authorization required", Last(await TokenEventsAsync(events)).Message, StringComparison.Ordinal);

        await stop.CancelAsync();
        await watching;
        await supervising;
    }

    private static (string Severity, string Message) Last(List<IngestionEvent> events) => (events[^1].Severity, events[^1].Message);

    private async Task<List<IngestionEvent>> TokenEventsAsync(IngestionEventLog events)
    {
        var all = new List<IngestionEvent>();
        for (var day = DateOnly.FromDateTime(Start.UtcDateTime); day <= DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime); day = day.AddDays(1))
        {
            all.AddRange(await events.ReadDayAsync(day, "broker.token"));
        }

        return all;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}
