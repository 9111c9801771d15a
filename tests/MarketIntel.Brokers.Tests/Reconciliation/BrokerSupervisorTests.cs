using System.Runtime.CompilerServices;
using MarketIntel.Brokers.Alpaca;
using MarketIntel.Brokers.Tests.Alpaca;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Brokers.Tests.Reconciliation;

/// <summary>
/// The supervisor against the fake Alpaca venue: a reconciliation on start, the venue's fills applied to the journal as
/// they stream in, and when the stream fails, a reconciliation on reconnect that repairs the fill made while it was down.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerSupervisorTests : IAsyncLifetime, IDisposable
{
    private const string Connection = "alpaca-paper";
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-supervisor-").FullName;
    private readonly HttpClient _http = new();
    private FakeAlpacaServer _fake = null!;
    private AlpacaBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpacaServer.StartAsync();
        _broker = new AlpacaBroker(_http, new AlpacaOptions
        {
            KeyId = FakeAlpacaServer.KeyId,
            SecretKey = FakeAlpacaServer.Secret,
            BaseUrl = _fake.BaseUrl,
            StreamUrl = _fake.StreamUrl,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
        });
    }

    public async Task DisposeAsync()
    {
        _broker.Dispose();
        await _fake.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    private static BrokerOrderRequest Buy(string setup) =>
        BrokerOrderRequest.Simple(new OrderRequest(BrokerClientOrderId.For("main", setup, "entry"), "AAPL", OrderSide.Buy, OrderType.Limit, 10, 100, null, TimeInForce.Gtc));

    [Fact]
    public async Task StreamedFillsReachTheJournal_AndAFillWhileTheStreamIsDown_IsRepairedByTheReconnectsReconciliation()
    {
        var time = TimeProvider.System;
        var records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), time);
        var venue = new CuttableStream(_broker);
        var connections = new BrokerConnections([BrokerConnection.Of(Connection, "alpaca", "paper", venue)]);
        var execution = new BrokerExecution(records, connections, time);
        var reconciler = new BrokerReconciler(records, connections, execution, time);
        var board = new BrokerStatusBoard(time);
        var supervisor = new BrokerSupervisor(connections, execution, reconciler, board, time, NullLogger<BrokerSupervisor>.Instance);
        var first = Buy("s1");
        var second = Buy("s2");
        await execution.SubmitAsync(Connection, first, OrderOrigin.Client, null);
        await execution.SubmitAsync(Connection, second, OrderOrigin.Client, null);

        using var stop = new CancellationTokenSource();
        var running = supervisor.SuperviseAsync(Connection, stop.Token);
        await Eventually(async () => board.Get(Connection).State == "connected" && _fake.Listening == 1, "the stream is open");
        Assert.Equal("start", Assert.Single(await reconciler.HistoryAsync(Connection, 5)).Trigger);

        // Streamed: the journal follows the venue without a reconciliation.
        _fake.Fill(first.ClientOrderId, 10, 99.5);
        await Eventually(async () => (await execution.GetAsync(Connection, first.ClientOrderId))!.Status == OrderStatus.Filled, "the streamed fill is journaled");
        Assert.Single(await reconciler.HistoryAsync(Connection, 5));

        // The order stream fails and stays down (the REST side answers); the venue fills the second order meanwhile.
        venue.Cut();
        await Eventually(() => Task.FromResult(board.Get(Connection).Reconnects > 0), "the supervisor sees the stream fail");
        _fake.Fill(second.ClientOrderId, 4, 99.0);
        await Eventually(async () => (await reconciler.HistoryAsync(Connection, 50)).Any(r => r.Trigger == "reconnect" && r.Differences.Any(d => d.Kind == "fill_missed")),
            "a reconnect's reconciliation repairs the missed fill");

        var repaired = (await execution.GetAsync(Connection, second.ClientOrderId))!;
        Assert.Equal((OrderStatus.PartiallyFilled, 4.0), (repaired.Status, repaired.Venue!.FilledQuantity));
        Assert.Equal(14, (await reconciler.JournalPositionsAsync(Connection))["AAPL"]);

        await stop.CancelAsync();
        await running;
        Assert.Equal("stopped", board.Get(Connection).State);
    }

    /// <summary>
    /// The real adapter, with an order stream that can be made to fail and stay down (what a venue outage the adapter
    /// gives up on looks like to the supervisor); every other call goes to the adapter unchanged.
    /// </summary>
    private sealed class CuttableStream(IBroker inner) : IBroker
    {
        private CancellationTokenSource? _cut;
        private volatile bool _down;

        public string Name => inner.Name;

        public BrokerCapabilities Capabilities => inner.Capabilities;

        public void Cut()
        {
            _down = true;
            _cut?.Cancel();
        }

        public async IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (_down)
            {
                throw new IOException("the order stream is down");
            }

            using var cut = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _cut = cut;
            await using var events = inner.StreamOrderEventsAsync(cut.Token).GetAsyncEnumerator(cut.Token);
            while (true)
            {
                bool moved;
                try
                {
                    moved = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new IOException("the order stream was cut");
                }

                if (!moved)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }

        public Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default) => inner.PreflightAsync(request, cancellationToken);

        public Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default) => inner.SubmitAsync(request, cancellationToken);

        public Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default) => inner.CancelAsync(clientOrderId, cancellationToken);

        public Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default) => inner.ReplaceAsync(request, cancellationToken);

        public Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) => inner.GetOrderAsync(clientOrderId, cancellationToken);

        public Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default) => inner.GetOrdersAsync(query, cancellationToken);

        public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default) => inner.GetPositionsAsync(cancellationToken);

        public Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default) => inner.GetAccountAsync(cancellationToken);
    }
}
