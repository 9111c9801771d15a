using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>The reference the tick path's storage tests compare with: one <see cref="TickAggregator"/> run over the delivered messages.</summary>
internal static class AggregatorReference
{
    /// <summary>Every bar the run closes, forming ones included (flushed); each message must parse.</summary>
    public static Dictionary<(string Symbol, DateTime OpenTime), Bar> Bars(IEnumerable<string> delivered)
    {
        var sink = new Collect();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = new TickBatchOptions().AllowedLateness }, sink);
        foreach (var message in delivered)
        {
            Assert.True(TickMessageFormat.TryParse(message, out var tick, out _, out _));
            aggregator.Offer(tick);
        }

        aggregator.Flush();
        return sink.Bars;
    }

    private sealed class Collect : IBarSink
    {
        public Dictionary<(string, DateTime), Bar> Bars { get; } = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Bars[(bar.Symbol.Value, bar.Bar.OpenTime)] = bar.Bar;
    }
}
