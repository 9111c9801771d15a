using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

/// <summary>
/// The aggregation contract re-computed the slowest, most literal way, as an independent reference: verdicts by
/// scanning every earlier accepted tick, bars by grouping and sorting all accepted ticks.
/// </summary>
internal static class BruteForceAggregation
{
    public static (TickVerdict[] Verdicts, List<SymbolBar> Bars) Run(IReadOnlyList<Tick> ticks, TimeSpan lateness, IReadOnlyList<Timeframe> frames)
    {
        var verdicts = new TickVerdict[ticks.Count];
        var accepted = new List<(Tick Tick, int Arrival)>();
        for (var i = 0; i < ticks.Count; i++)
        {
            var t = ticks[i];
            if (!(double.IsFinite(t.Price) && t.Price > 0 && t.Size >= 0))
            {
                verdicts[i] = TickVerdict.Invalid;
                continue;
            }

            var earlier = accepted.Where(a => a.Tick.Symbol == t.Symbol).ToList();
            if (earlier.Any(a => a.Tick.TradeId == t.TradeId))
            {
                verdicts[i] = TickVerdict.Duplicate;
                continue;
            }

            if (earlier.Count > 0)
            {
                var watermark = earlier.Max(a => a.Tick.Timestamp) - lateness;
                var minuteStart = new DateTime(t.Timestamp.Ticks - (t.Timestamp.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
                if (minuteStart.AddMinutes(1) <= watermark)
                {
                    verdicts[i] = TickVerdict.Late;
                    continue;
                }
            }

            verdicts[i] = TickVerdict.Accepted;
            accepted.Add((t, i));
        }

        var bars = new List<SymbolBar>();
        foreach (var tf in frames)
        {
            foreach (var group in accepted.GroupBy(a => (a.Tick.Symbol.Value, Start: tf.BucketStart(a.Tick.Timestamp))))
            {
                var byTime = group.OrderBy(a => a.Tick.Timestamp).ThenBy(a => a.Arrival).ToList();
                var bar = new Bar(
                    group.Key.Start,
                    byTime[0].Tick.Price,
                    group.Max(a => a.Tick.Price),
                    group.Min(a => a.Tick.Price),
                    byTime[^1].Tick.Price,
                    group.Aggregate(0m, (sum, a) => sum + a.Tick.Size),
                    group.Count());
                bars.Add(new SymbolBar(group.First().Tick.Symbol, tf, bar));
            }
        }

        return (verdicts, bars);
    }
}
