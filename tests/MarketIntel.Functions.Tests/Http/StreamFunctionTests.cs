using System.Text;
using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Functions.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests.Http;

/// <summary>
/// The Functions app's <c>Stream</c> trigger writes the same server-sent events as the local host: a bar written through
/// the app's store is replayed to a client resuming from before it, and bad symbols are a 400 naming the field.
/// </summary>
[Trait("Category", "FunctionsApi")]
public sealed class StreamFunctionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private readonly FunctionsTestHost _host = new(Now);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task AResumingClient_GetsTheBarWrittenSince_AsABarEvent_ThenTheIdOnlyMessage()
    {
        var live = _host.Services.GetRequiredService<LiveEvents>();
        var before = live.EventId(live.Feed.LastId);
        var t0 = new DateTime(2026, 11, 21, 5, 0, 0, DateTimeKind.Utc); // the fake clock's minute: still forming
        await _host.Bars.UpsertAsync(new Symbol("BTC-USD"), Timeframe.OneMinute, [new Bar(t0, 100, 101, 99, 100.5, 1m, 4)], new BarProvenance("test", "1"));

        // The response ends the request once the replay and the id-only message that follows it are written.
        var context = _host.Request("GET", query: "?symbols=BTC-USD");
        using var aborted = new CancellationTokenSource();
        var body = new StopAfterStream("id: " + live.EventId(live.Feed.LastId) + "\n\n", aborted);
        context.Response.Body = body;
        context.RequestAborted = aborted.Token;
        context.Request.Headers[StreamEndpoints.LastEventIdHeader] = before;
        await _host.Create<StreamFunctions>().Stream(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(EventStreamResult.ContentType, context.Response.ContentType);
        var text = body.Text;
        Assert.Contains($"id: {live.EventId(live.Feed.LastId)}\nevent: bar\ndata: {{\"type\":\"bar\",\"symbol\":\"BTC-USD\",\"timeframe\":\"1m\",", text, StringComparison.Ordinal);
        Assert.Contains("\"close\":100.5", text, StringComparison.Ordinal);
        Assert.Contains("\"forming\":true", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSymbols_Are400_NamingTheField()
    {
        var context = _host.Request("GET", query: "?symbols=BTC-USD,not%20one");
        await _host.Create<StreamFunctions>().Stream(context.Request);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("symbols", FunctionsTestHost.Json(context).GetProperty("parameter").GetString());
    }

    /// <summary>A response body that records what is written and cancels the request once a given text has been written.</summary>
    private sealed class StopAfterStream(string marker, CancellationTokenSource cancel) : MemoryStream
    {
        public string Text => Encoding.UTF8.GetString(ToArray());

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            if (Text.Contains(marker, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }

            return ValueTask.CompletedTask;
        }
    }
}
