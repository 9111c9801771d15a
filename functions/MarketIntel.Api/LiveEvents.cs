using System.Globalization;
using MarketIntel.Core.Feeds;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Api;

/// <summary>
/// What <c>GET /api/stream</c> serves: this process's bar writes, run status changes and paper order events, published
/// into one bounded <see cref="LiveFeed{T}"/>. The feed is per process: in Azure each Functions instance sees only the
/// writes it makes itself (there is no bus between instances here).
/// </summary>
public sealed class LiveEvents : IBarWriteListener, IPipelineNotifications
{
    private readonly StreamOptions _options;
    private readonly TimeProvider _time;

    public LiveEvents(StreamOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Feed = new LiveFeed<StreamEvent>(new LiveFeedOptions { ReplayCapacity = options.ReplayEvents, SubscriberCapacity = options.ClientBufferEvents });

        // Event ids are "<tag>-<n>": n restarts at 1 with the process, so the tag tells a resumption id of this feed from
        // one of an earlier process or another instance (those get a reset, never the wrong events).
        Tag = Guid.NewGuid().ToString("N")[..8];
    }

    public LiveFeed<StreamEvent> Feed { get; }

    public string Tag { get; }

    public StreamOptions Options => _options;

    public string EventId(long id) => Tag + "-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The feed id in <paramref name="text"/> when it is one of this feed's; null otherwise (another process's, or malformed).</summary>
    public long? ParseEventId(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.StartsWith(Tag + "-", StringComparison.Ordinal))
        {
            return null;
        }

        return long.TryParse(text.AsSpan(Tag.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public void BarsWritten(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            return;
        }

        // A large write (a backfill) publishes its newest bars only, oldest of them first.
        IEnumerable<Bar> published = bars.Count <= _options.MaxBarsPerWrite ? bars : bars.OrderBy(b => b.OpenTime).Skip(bars.Count - _options.MaxBarsPerWrite);
        var now = _time.GetUtcNow().UtcDateTime;
        var name = timeframe.ToString();
        foreach (var b in published)
        {
            var forming = b.OpenTime.AddTicks(timeframe.Ticks) > now;
            Feed.Publish(new BarStreamEvent(symbol.Value, name, new BarDto(b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume, b.Trades), forming));
        }
    }

    public void RunChanged(RunRecord run) => Feed.Publish(new RunStreamEvent(run));

    public void PaperOrderChanged(string account, string symbol, string orderId, PaperOrderEventView change) =>
        Feed.Publish(new OrderStreamEvent(account, symbol, orderId, change));

    public void PaperFilled(string account, PaperFillView fill) => Feed.Publish(new FillStreamEvent(account, fill));
}
