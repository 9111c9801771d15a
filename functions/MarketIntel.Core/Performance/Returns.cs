namespace MarketIntel.Core.Performance;

/// <summary>Period returns from a price (or equity) series: <c>prices.Length - 1</c> values, one per step.</summary>
public static class Returns
{
    /// <summary>Simple returns <c>p[t] / p[t-1] - 1</c> into <paramref name="destination"/> (length <c>prices.Length - 1</c>).</summary>
    public static void Simple(ReadOnlySpan<double> prices, Span<double> destination)
    {
        CheckLengths(prices, destination);
        for (var t = 1; t < prices.Length; t++)
        {
            destination[t - 1] = (prices[t] / prices[t - 1]) - 1.0;
        }
    }

    /// <summary>Log returns <c>ln(p[t] / p[t-1])</c> into <paramref name="destination"/> (length <c>prices.Length - 1</c>).</summary>
    public static void Log(ReadOnlySpan<double> prices, Span<double> destination)
    {
        CheckLengths(prices, destination);
        for (var t = 1; t < prices.Length; t++)
        {
            destination[t - 1] = Math.Log(prices[t] / prices[t - 1]);
        }
    }

    public static double[] Simple(ReadOnlySpan<double> prices)
    {
        var result = new double[Math.Max(0, prices.Length - 1)];
        Simple(prices, result);
        return result;
    }

    public static double[] Log(ReadOnlySpan<double> prices)
    {
        var result = new double[Math.Max(0, prices.Length - 1)];
        Log(prices, result);
        return result;
    }

    /// <summary>The equity curve of compounding simple returns from <paramref name="start"/>: <c>returns.Length + 1</c> values.</summary>
    public static void Equity(ReadOnlySpan<double> simpleReturns, double start, Span<double> destination)
    {
        if (destination.Length != simpleReturns.Length + 1)
        {
            throw new ArgumentException($"destination needs {simpleReturns.Length + 1} values, has {destination.Length}", nameof(destination));
        }

        destination[0] = start;
        for (var t = 0; t < simpleReturns.Length; t++)
        {
            destination[t + 1] = destination[t] * (1.0 + simpleReturns[t]);
        }
    }

    private static void CheckLengths(ReadOnlySpan<double> prices, Span<double> destination)
    {
        if (prices.Length < 2)
        {
            throw new ArgumentException($"returns need at least 2 prices, got {prices.Length}", nameof(prices));
        }

        if (destination.Length != prices.Length - 1)
        {
            throw new ArgumentException($"destination needs {prices.Length - 1} values, has {destination.Length}", nameof(destination));
        }
    }
}
