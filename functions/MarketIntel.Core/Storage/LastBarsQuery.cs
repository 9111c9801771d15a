using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// The newest <see cref="Count"/> bars of one series with <c>From &lt;= OpenTime &lt; To</c> (UTC): what analyses read
/// (the last N bars before a time, looking back no further than <see cref="From"/>).
/// </summary>
public sealed record LastBarsQuery(Symbol Symbol, Timeframe Timeframe, DateTime From, DateTime To, int Count)
{
    /// <summary>Throws when the count is not positive or the range is reversed, naming the series.</summary>
    public void Validate()
    {
        if (Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, $"{Symbol} {Timeframe}: the number of last bars must be at least 1");
        }

        if (From > To)
        {
            throw new ArgumentException($"{Symbol} {Timeframe}: the range starts ({From:O}) after it ends ({To:O})", nameof(From));
        }
    }
}
