namespace MarketIntel.Core.Indicators.Common;

/// <summary>Aligns a second (market) series to an evaluated series by timestamp.</summary>
internal static class Align
{
    /// <summary>The market's closes at the evaluated series' timestamps; a timestamp the market lacks is an error.</summary>
    public static double[] Closes(BarSeries series, BarSeries? market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var n = series.Count;
        var result = new double[n];
        var index = new Dictionary<DateTime, int>(market.Count);
        for (var j = 0; j < market.Count; j++)
        {
            index[market.Time[j]] = j;
        }

        for (var i = 0; i < n; i++)
        {
            if (!index.TryGetValue(series.Time[i], out var j))
            {
                throw new ArgumentException($"the market series has no bar at {series.Time[i]:O} (bar {i} of the evaluated series); the series must share timestamps", nameof(market));
            }

            result[i] = market.Close[j];
        }

        return result;
    }
}
