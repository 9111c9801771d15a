using System.Globalization;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// The JSON tick messages the tick-path benchmark and its Stopwatch driver feed: one tick a millisecond, round-robin over
/// the symbols, each symbol's trade ids consecutive (as Binance and Coinbase number them). Carries on where it stopped,
/// as a live stream would, so a processor's state carries on too.
/// </summary>
public sealed class SyntheticTickStream(int symbols)
{
    private static readonly DateTime Start = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private readonly Random _random = new(11);
    private long _sequence;

    /// <summary>The next <paramref name="ticks"/> messages, cut into batches of <paramref name="batchSize"/>.</summary>
    public List<string[]> NextBatches(int ticks, int batchSize)
    {
        var batches = new List<string[]>(ticks / batchSize);
        for (var b = 0; b < ticks / batchSize; b++)
        {
            var batch = new string[batchSize];
            for (var i = 0; i < batchSize; i++, _sequence++)
            {
                var symbol = _sequence % symbols;
                var time = Start.AddMilliseconds(_sequence).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                var price = (100 + symbol + Math.Round(_random.NextDouble(), 2)).ToString(CultureInfo.InvariantCulture);
                batch[i] = $$"""{"symbol":"S{{symbol:D3}}-USD","price":{{price}},"size":0.{{1 + _random.Next(999):D3}},"time":"{{time}}","tradeId":{{1_000_000 + (_sequence / symbols)}},"side":"buy"}""";
            }

            batches.Add(batch);
        }

        return batches;
    }
}
