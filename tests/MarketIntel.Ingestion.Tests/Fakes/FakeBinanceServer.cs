using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>
/// A local Binance look-alike on 127.0.0.1 (Kestrel, a free port) serving the simulator's market in Binance's formats:
/// <c>/api/v3/klines</c> and the <c>/ws</c> trade stream. A fault script decides, per request number, whether to
/// answer normally or with 429 + Retry-After, 500, a hang, a truncated body, malformed JSON or reordered and
/// duplicated rows; stream connections can be dropped after a number of messages.
/// </summary>
public sealed class FakeBinanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _requests;

    private FakeBinanceServer(WebApplication app, MarketSimulator simulator)
    {
        _app = app;
        Simulator = simulator;
    }

    public MarketSimulator Simulator { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Decides the fault of the n-th klines request (1-based) and symbol.</summary>
    public Func<int, string, ServerFault> Faults { get; set; } = (_, _) => ServerFault.None;

    /// <summary>When each klines request arrived (since the server started), in arrival order.</summary>
    public List<(TimeSpan At, int Number, ServerFault Fault)> Log { get; } = [];

    /// <summary>Rows sent twice by <see cref="ServerFault.ReorderAndDuplicate"/>.</summary>
    public int DuplicatedRows { get; private set; }

    /// <summary>How many messages a stream connection sends before the server drops it (null: never).</summary>
    public Func<int, int?> DropStreamAfter { get; set; } = _ => null;

    /// <summary>The index of the first trade a stream connection sends (later connections skip what "happened" while away).</summary>
    public Func<int, int> StreamResumeAt { get; set; } = _ => 0;

    public List<string> Errors { get; } = [];

    /// <summary>Stream connections accepted so far.</summary>
    public int StreamConnections { get; private set; }

    /// <summary>The trade-stream window: trades with timestamps in [StreamFrom, StreamTo) are sent, in order, once per subscription.</summary>
    public DateTime StreamFrom { get; set; }

    public DateTime StreamTo { get; set; }

    /// <summary>The SUBSCRIBE message each stream connection sent.</summary>
    public List<string> StreamSubscriptions { get; } = [];

    /// <summary>The subscription path each stream connection asked for.</summary>
    public List<string> StreamPaths { get; } = [];

    public static async Task<FakeBinanceServer> StartAsync(MarketSimulator simulator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBinanceServer(app, simulator);
        app.UseWebSockets();
        app.MapGet("/api/v3/klines", server.KlinesAsync);
        app.Map("/ws/{**streams}", server.StreamAsync);
        app.Map("/stream", async context =>
        {
            try
            {
                await server.StreamAsync(context);
            }
            catch (Exception ex)
            {
                server.Errors.Add(ex.ToString());
                throw;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>One request to compile the server's paths, so that the first timed request is not slowed by start-up; then the log is cleared.</summary>
    public async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var response = await http.GetAsync("api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1709510400000&endTime=1709510459999&limit=1");
        response.EnsureSuccessStatusCode();
        lock (Log)
        {
            Log.Clear();
            _requests = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task KlinesAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        var fault = Faults(number, symbol);
        lock (Log)
        {
            Log.Add((_clock.Elapsed, number, fault));
        }

        switch (fault)
        {
            case ServerFault.TooManyRequests:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new { code = -1003, msg = "Too many requests." });
                return;
            case ServerFault.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { code = -1000, msg = "An unknown error occurred while processing the request." });
                return;
            case ServerFault.InvalidSymbol:
                context.Response.StatusCode = 400;
                await context.Response.WriteAsJsonAsync(new { code = -1121, msg = "Invalid symbol." });
                return;
            case ServerFault.Hang:
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        var instrument = SymbolNormalizer.Normalize(symbol, MarketSimulator.Venue, AssetClass.Crypto);
        var timeframe = Timeframe.Parse(query["interval"].ToString());
        var start = BarRecordRules.FromUnixMilliseconds(long.Parse(query["startTime"].ToString(), CultureInfo.InvariantCulture));
        var end = BarRecordRules.FromUnixMilliseconds(long.Parse(query["endTime"].ToString(), CultureInfo.InvariantCulture) + 1);
        var limit = int.Parse(query["limit"].ToString(), CultureInfo.InvariantCulture);
        var bars = Simulator.Bars(instrument, timeframe, start, end).Take(limit).ToList();
        if (fault == ServerFault.ReorderAndDuplicate && bars.Count > 2)
        {
            // Newest first, and the two oldest bars twice: the client must sort and store each once.
            bars.Reverse();
            bars.Add(bars[^1]);
            bars.Add(bars[^3]);
            DuplicatedRows += 2;
        }

        var body = Klines(bars, timeframe);
        context.Response.ContentType = "application/json";
        switch (fault)
        {
            case ServerFault.Truncate:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            case ServerFault.MalformedJson:
                context.Response.ContentLength = body.Length / 2;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
                return;
            default:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
                return;
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var connection = ++StreamConnections;
        var path = context.Request.Path + context.Request.QueryString;
        lock (StreamPaths)
        {
            StreamPaths.Add(path);
        }

        var names = context.Request.Query.TryGetValue("streams", out var streams)
            ? streams.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries)
            : [context.Request.Path.Value!["/ws/".Length..]];
        var combined = context.Request.Query.ContainsKey("streams");
        var instruments = names.Select(n => SymbolNormalizer.Normalize(n[..n.IndexOf('@', StringComparison.Ordinal)], MarketSimulator.Venue, AssetClass.Crypto)).ToList();
        var ticks = instruments.SelectMany(i => Simulator.Ticks(i, StreamFrom, StreamTo)).OrderBy(t => t.Timestamp).ToList();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();

        // Binance answers a SUBSCRIBE with {"result":null,"id":..}; trades start once the client has asked.
        var request = new byte[4096];
        var subscribe = await socket.ReceiveAsync(request, context.RequestAborted);
        lock (StreamSubscriptions)
        {
            StreamSubscriptions.Add(Encoding.UTF8.GetString(request, 0, subscribe.Count));
        }

        await socket.SendAsync("{\"result\":null,\"id\":1}"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        var dropAfter = DropStreamAfter(connection);
        var sent = 0;
        foreach (var tick in ticks.Skip(StreamResumeAt(connection)))
        {
            if (dropAfter is { } limit && sent >= limit)
            {
                // Let the client take the messages in before the connection is cut (an abrupt reset, no close frame).
                await Task.Delay(100, context.RequestAborted);
                context.Abort();
                return;
            }

            var message = TradeMessage(tick, combined);
            await socket.SendAsync(message, System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            sent++;
        }

        // Keep the connection open (a live feed with no more trades) until the client leaves.
        var buffer = new byte[256];
        while (socket.State == System.Net.WebSockets.WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
    }

    /// <summary>Bars in Binance's kline row format.</summary>
    public static byte[] Klines(IEnumerable<Bar> bars, Timeframe timeframe)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var bar in bars)
            {
                var open = BarRecordRules.ToUnixMilliseconds(bar.OpenTime);
                writer.WriteStartArray();
                writer.WriteNumberValue(open);
                writer.WriteStringValue(MarketText.Format(bar.Open));
                writer.WriteStringValue(MarketText.Format(bar.High));
                writer.WriteStringValue(MarketText.Format(bar.Low));
                writer.WriteStringValue(MarketText.Format(bar.Close));
                writer.WriteStringValue(MarketText.Format(bar.Volume));
                writer.WriteNumberValue(open + (timeframe.Minutes * 60_000L) - 1);
                writer.WriteStringValue("0");
                writer.WriteNumberValue(bar.Trades);
                writer.WriteStringValue("0");
                writer.WriteStringValue("0");
                writer.WriteStringValue("0");
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    /// <summary>A trade in Binance's <c>&lt;symbol&gt;@trade</c> format, wrapped for combined streams.</summary>
    public static byte[] TradeMessage(Tick tick, bool combined)
    {
        var instrument = SymbolNormalizer.Normalize(tick.Symbol.Value, MarketSimulator.Venue, AssetClass.Crypto);
        var symbol = SymbolNormalizer.ToBinance(instrument);
        var ms = BarRecordRules.ToUnixMilliseconds(tick.Timestamp);
        var data = string.Create(CultureInfo.InvariantCulture,
            $"{{\"e\":\"trade\",\"E\":{ms + 3},\"s\":\"{symbol}\",\"t\":{tick.TradeId},\"p\":\"{MarketText.Format(tick.Price)}\",\"q\":\"{MarketText.Format(tick.Size)}\",\"T\":{ms},\"m\":true,\"M\":true}}");
        return Encoding.UTF8.GetBytes(combined ? $"{{\"stream\":\"{symbol.ToLowerInvariant()}@trade\",\"data\":{data}}}" : data);
    }

    public static string Interval(Timeframe timeframe) => BinanceBarProvider.Interval(timeframe)!;
}
