using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

/// <summary>
/// Property-test input for the aggregator: seeded random-walk trades of three symbols in arrival order, with every
/// fault the aggregator must judge (reordering within and beyond the lateness, re-deliveries, late and invalid ticks,
/// same-timestamp ties, trade ids reused across symbols). Not the market simulator: that models a market and the faults
/// providers really send; this one also sends what no provider should (NaN prices, negative sizes).
/// </summary>
internal static class FaultyTickStream
{
    private const double TradesPerSecond = 0.2;
    private const double Volatility = 0.0005;
    private const double OutOfOrderRate = 0.2;
    private const double DuplicateRate = 0.05;
    private const double LateRate = 0.03;
    private const double InvalidRate = 0.03;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(120);
    private static readonly DateTime Start = new(2024, 3, 9, 22, 40, 17, DateTimeKind.Utc);
    private static readonly Symbol[] Symbols = [new("AAA"), new("BBB"), new("CCC")];

    public static List<Tick> Generate(int seed, double hours = 3, bool reuseIds = true)
    {
        var ticks = Arrivals(seed, TimeSpan.FromHours(hours));

        // Same-timestamp ties and repeated ids across symbols exercise the tie and per-symbol rules too.
        var random = new Random(seed);
        for (var i = 1; i < ticks.Count; i += 37)
        {
            ticks[i] = ticks[i] with { Timestamp = ticks[i - 1].Timestamp, Symbol = ticks[i - 1].Symbol };
        }

        for (var i = 3; reuseIds && i < ticks.Count; i += 53)
        {
            ticks[i] = ticks[i] with { TradeId = ticks[random.Next(i)].TradeId };
        }

        return ticks;
    }

    private static List<Tick> Arrivals(int seed, TimeSpan duration)
    {
        var random = new Random(seed);
        var events = new List<(long Arrival, Tick Tick)>();
        var end = Start + duration;
        var meanGapTicks = TimeSpan.TicksPerSecond / (TradesPerSecond * Symbols.Length);
        var prices = new double[Symbols.Length];
        for (var s = 0; s < prices.Length; s++)
        {
            prices[s] = 20 + (random.NextDouble() * 180);
        }

        long nextId = 1;
        for (var t = Start.Ticks; t < end.Ticks;)
        {
            // Exponential gaps: a Poisson stream of trades.
            t += 1 + (long)(-Math.Log(1 - random.NextDouble()) * meanGapTicks);
            if (t >= end.Ticks)
            {
                break;
            }

            var s = random.Next(prices.Length);
            prices[s] *= Math.Exp(Volatility * Normal(random));
            var tick = new Tick(new DateTime(t, DateTimeKind.Utc), Symbols[s], Math.Round(prices[s], 2), Math.Round((decimal)(0.001 + (random.NextDouble() * 5)), 3), new TradeId(nextId++));
            var arrival = t;
            var roll = random.NextDouble();
            if (roll < OutOfOrderRate)
            {
                arrival += (long)(random.NextDouble() * MaxDelay.Ticks);
            }
            else if (roll < OutOfOrderRate + LateRate)
            {
                arrival += TimeSpan.TicksPerMinute * (2 + random.Next(10));
            }
            else if (roll < OutOfOrderRate + LateRate + InvalidRate)
            {
                tick = random.Next(3) switch
                {
                    0 => tick with { Price = 0 },
                    1 => tick with { Price = double.NaN },
                    _ => tick with { Size = -tick.Size },
                };
            }

            events.Add((arrival, tick));
            if (random.NextDouble() < DuplicateRate)
            {
                // A producer retry: the same trade again, shortly or much later.
                events.Add((arrival + (long)(random.NextDouble() * TimeSpan.TicksPerMinute * 3), tick));
            }
        }

        // Stable sort keeps generation order among equal arrival times.
        return [.. events.Select((e, i) => (e.Arrival, i, e.Tick)).OrderBy(e => e.Arrival).ThenBy(e => e.i).Select(e => e.Tick)];
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
