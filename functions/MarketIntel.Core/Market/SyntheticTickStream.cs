namespace MarketIntel.Core.Market;

/// <summary>
/// A seeded stream of trade ticks in arrival order: per-symbol random walks with optional faults (out-of-order,
/// duplicate, late and invalid ticks). The same options always give the same stream. Used by the demo run and by the
/// property tests; the full market simulator of the ingestion layer models regimes and volume profiles on top.
/// </summary>
public static class SyntheticTickStream
{
    public static List<Tick> Generate(SyntheticTickStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(unchecked((int)(options.Seed ^ (options.Seed >> 32))));
        var events = new List<(long Arrival, Tick Tick)>();
        var end = options.Start + options.Duration;
        var meanGapTicks = TimeSpan.TicksPerSecond / Math.Max(1e-6, options.TradesPerSecond * options.Symbols.Count);
        var prices = new double[options.Symbols.Count];
        for (var s = 0; s < prices.Length; s++)
        {
            prices[s] = 20 + (random.NextDouble() * 180);
        }

        long nextId = 1;
        for (var t = options.Start.Ticks; t < end.Ticks;)
        {
            t += 1 + (long)(-Math.Log(1 - random.NextDouble()) * meanGapTicks);
            if (t >= end.Ticks)
            {
                break;
            }

            var s = random.Next(prices.Length);
            prices[s] *= Math.Exp(options.Volatility * Normal(random));
            var price = Math.Round(prices[s], 2);
            var size = Math.Round((decimal)(0.001 + (random.NextDouble() * 5)), 3);
            var tick = new Tick(new DateTime(t, DateTimeKind.Utc), options.Symbols[s], price, size, new TradeId(nextId++));
            var arrival = t;
            var roll = random.NextDouble();
            if (roll < options.OutOfOrderRate)
            {
                arrival += (long)(random.NextDouble() * options.MaxDelay.Ticks);
            }
            else if (roll < options.OutOfOrderRate + options.LateRate)
            {
                arrival += TimeSpan.TicksPerMinute * (2 + random.Next(10));
            }
            else if (roll < options.OutOfOrderRate + options.LateRate + options.InvalidRate)
            {
                tick = (random.Next(3)) switch
                {
                    0 => tick with { Price = 0 },
                    1 => tick with { Price = double.NaN },
                    _ => tick with { Size = -tick.Size },
                };
            }

            events.Add((arrival, tick));
            if (random.NextDouble() < options.DuplicateRate)
            {
                // A producer retry: the same trade again, shortly or much later.
                events.Add((arrival + (long)(random.NextDouble() * TimeSpan.TicksPerMinute * 3), tick));
            }
        }

        // Stable sort keeps generation order among equal arrival times.
        var ordered = events.Select((e, i) => (e.Arrival, i, e.Tick)).OrderBy(e => e.Arrival).ThenBy(e => e.i);
        return [.. ordered.Select(e => e.Tick)];
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
