using System.Net;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>
/// <c>GET /api/stream</c> over the local host's HTTP server on 127.0.0.1: a bar write arrives as a <c>bar</c> event,
/// heartbeats flow, <c>Last-Event-ID</c> resumes (header and query) or resets, bad symbols are a 400, and a client that
/// stops reading is dropped while the publisher carries on.
/// </summary>
public sealed class StreamApiTests(StreamHostFixture host) : IClassFixture<StreamHostFixture>
{
    private static readonly DateTime Old = new(2024, 3, 9, 23, 0, 0, DateTimeKind.Utc);

    private IBarStore Store => host.Services.GetRequiredService<IBarStore>();

    private LiveEvents Live => host.Services.GetRequiredService<LiveEvents>();

    private Task WriteAsync(string symbol, params Bar[] bars) => Store.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));

    private static Bar Minute(DateTime time, double close) => new(time, close, close + 1, close / 2, close, 2.5m, 3);

    private static JsonElement Data(SseMessage message) => JsonSerializer.Deserialize<JsonElement>(message.Data!);

    // The host's own start-up runs publish run events to every subscriber at any moment; these tests are about bars.
    private static double[] BarCloses(IEnumerable<SseMessage> messages) =>
        messages.Where(m => m.Event == "bar").Select(m => Data(m).GetProperty("bar").GetProperty("close").GetDouble()).ToArray();

    [Fact]
    public async Task ABarWrite_ArrivesAsABarEvent_FormingOrClosed_OnlyForTheSymbolsAsked()
    {
        await using var stream = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=SSA-USD,SSB-USD");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        await stream.ReadToLiveAsync();

        var current = Timeframe.OneMinute.BucketStart(DateTime.UtcNow);
        await WriteAsync("SSZ-USD", Minute(current, 1));
        await WriteAsync("SSA-USD", Minute(Old, 100));
        await WriteAsync("SSB-USD", Minute(current.AddMinutes(1), 200));

        var closed = await stream.NextEventAsync("bar");
        Assert.Equal("bar", closed!.Event);
        var json = Data(closed);
        Assert.Equal(("bar", "SSA-USD", "1m", false), (json.GetProperty("type").GetString(), json.GetProperty("symbol").GetString(), json.GetProperty("timeframe").GetString(), json.GetProperty("forming").GetBoolean()));
        var bar = json.GetProperty("bar");
        Assert.Equal((Old, 100d, 101d, 50d, 100d, 2.5m, 3L),
            (bar.GetProperty("time").GetDateTime().ToUniversalTime(), bar.GetProperty("open").GetDouble(), bar.GetProperty("high").GetDouble(), bar.GetProperty("low").GetDouble(),
             bar.GetProperty("close").GetDouble(), bar.GetProperty("volume").GetDecimal(), bar.GetProperty("trades").GetInt64()));

        var forming = Data((await stream.NextEventAsync("bar"))!);
        Assert.Equal(("SSB-USD", true), (forming.GetProperty("symbol").GetString(), forming.GetProperty("forming").GetBoolean()));
        Assert.StartsWith(Live.Tag + "-", closed.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuietStream_SendsHeartbeatComments()
    {
        await using var stream = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=QUIET-USD");
        await stream.ReadToLiveAsync();

        // The host's own start-up runs may send run events first; a heartbeat comes once the stream is quiet.
        SseMessage? message;
        do
        {
            message = await stream.NextAsync();
        }
        while (message is { Comment: null, Event: "run" });

        Assert.Equal(("heartbeat", null), (message!.Comment, message.Data));
    }

    [Fact]
    public async Task AReconnectWithLastEventId_ReceivesExactlyTheEventsItMissed_ByHeaderOrQuery()
    {
        string resumeFrom;
        await using (var first = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=RES-USD"))
        {
            (resumeFrom, _) = await first.ReadToLiveAsync();
        }

        // Written while no client is connected; another symbol's bar in between is not replayed to this filter.
        await WriteAsync("RES-USD", Minute(Old, 1), Minute(Old.AddMinutes(1), 2));
        await WriteAsync("OTHER-USD", Minute(Old, 9));
        await WriteAsync("RES-USD", Minute(Old.AddMinutes(2), 3));

        await using var byHeader = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=RES-USD", lastEventId: resumeFrom);
        var (live, replayed) = await byHeader.ReadToLiveAsync();
        Assert.Equal([1d, 2d, 3d], BarCloses(replayed));
        Assert.Equal(replayed.Select(m => m.Id).Distinct().Count(), replayed.Count);

        var second = replayed.Where(m => m.Event == "bar").ElementAt(1);
        await using var byQuery = await SseClient.OpenAsync(host.Client, $"/api/stream?symbols=RES-USD&lastEventId={Uri.EscapeDataString(second.Id!)}");
        var (_, fromQuery) = await byQuery.ReadToLiveAsync();
        Assert.Equal([3d], BarCloses(fromQuery));

        // Nothing was missed after the live point: resuming from it replays no bar.
        await using var upToDate = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=RES-USD", lastEventId: live);
        Assert.Empty(BarCloses((await upToDate.ReadToLiveAsync()).Replayed));
    }

    [Fact]
    public async Task AnIdTooOldForTheRing_OrFromAnotherProcess_IsAResetEvent_ThenTheStreamGoesOn()
    {
        string resumeFrom;
        await using (var first = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=OLD-USD"))
        {
            (resumeFrom, _) = await first.ReadToLiveAsync();
        }

        // More events than the ring keeps.
        await WriteAsync("OLD-USD", Minute(Old, 1));
        for (var i = 0; i <= StreamHostFixture.ReplayEvents; i++)
        {
            Live.Feed.Publish(new BarStreamEvent("FILL-USD", "1m", new BarDto(Old, 1, 1, 1, 1, 1, 1), false));
        }

        foreach (var stale in new[] { resumeFrom, "0badc0de-12" })
        {
            await using var stream = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=OLD-USD", lastEventId: stale);
            var reset = await stream.NextEventAsync("reset");
            Assert.Equal("reset", reset!.Event);
            Assert.Equal("reset", Data(reset).GetProperty("type").GetString());
            Assert.Contains(stale, Data(reset).GetProperty("reason").GetString(), StringComparison.Ordinal);

            await WriteAsync("OLD-USD", Minute(Old.AddMinutes(5), 55));
            Assert.Equal(55d, Data((await stream.NextEventAsync("bar"))!).GetProperty("bar").GetProperty("close").GetDouble());
        }
    }

    [Theory]
    [InlineData("BTC-USD,,ETH-USD", "entry 2")]
    [InlineData("BTC USD", "entry 1")]
    [InlineData("", "entry 1")]
    public async Task MalformedSymbols_Are400_NamingTheField(string symbols, string where)
    {
        var response = await host.Client.GetAsync($"/api/stream?symbols={Uri.EscapeDataString(symbols)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("symbols", problem.GetProperty("parameter").GetString());
        Assert.Contains(where, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientThatStopsReading_IsDropped_ItsStreamEnds_AndPublishingNeverWaits()
    {
        var droppedBefore = Live.Feed.DroppedSubscribers;
        await using var slow = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=SLOW-USD");
        await slow.ReadToLiveAsync();

        // The client reads nothing more: the socket's buffers fill, then the client's 16-event buffer, then it is dropped.
        // Publish is synchronous, so the loop reaching the drop is itself the proof that the publisher never waited.
        var padding = new string('x', 2000);
        var published = 0;
        while (Live.Feed.DroppedSubscribers == droppedBefore)
        {
            Live.Feed.Publish(new BarStreamEvent("SLOW-USD", padding, new BarDto(Old, 1, 1, 1, 1, 1, 1), false));
            published++;
            Assert.True(published < 1_000_000, "a client that reads nothing was never dropped");
            if (published % 1000 == 0)
            {
                await Task.Yield();
            }
        }

        // Its stream ends: what was buffered is delivered, then the end of the response.
        var received = 0;
        while (await slow.NextEventAsync() is not null)
        {
            received++;
        }

        Assert.InRange(received, 1, published - 1);
        var metrics = JsonSerializer.Deserialize<JsonElement>(await host.Client.GetStringAsync("/api/metrics"));
        Assert.True(metrics.GetProperty("stream").GetProperty("droppedClients").GetInt64() > droppedBefore);
    }

    [Fact]
    public async Task APaperOrder_IsAnOrderEvent_OnceItsJournalEntryIsCommitted()
    {
        var now = Timeframe.OneMinute.BucketStart(DateTime.UtcNow);
        await WriteAsync("PAP-USD", Enumerable.Range(1, 5).Select(i => Minute(now.AddMinutes(-5 - i), 100)).ToArray());
        await using var stream = await SseClient.OpenAsync(host.Client, "/api/stream?symbols=NONE-USD");
        await stream.ReadToLiveAsync();

        async Task PostAsync(string url, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
            Assert.True((await host.Client.SendAsync(request)).IsSuccessStatusCode, url);
        }

        await PostAsync("/api/paper/accounts", """{"id":"stream","settings":{"name":"Stream","startingCash":100000}}""");
        await PostAsync("/api/paper/accounts/stream/orders", """{"clientOrderId":"s1","symbol":"PAP-USD","side":"buy","type":"limit","quantity":3,"limitPrice":90,"timeInForce":"gtc"}""");

        SseMessage? message;
        do
        {
            message = await stream.NextEventAsync();
        }
        while (message is { Event: "run" });

        Assert.Equal("order", message!.Event);
        var order = Data(message);
        Assert.Equal(("stream", "PAP-USD", "s1"), (order.GetProperty("account").GetString(), order.GetProperty("symbol").GetString(), order.GetProperty("orderId").GetString()));
        Assert.Equal("new", order.GetProperty("change").GetProperty("from").GetString());
    }
}
