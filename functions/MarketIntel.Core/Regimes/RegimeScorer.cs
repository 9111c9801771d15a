namespace MarketIntel.Core.Regimes;

/// <summary>
/// Combines filtered HMM probabilities with the fuzzy trend. Each state leans bullish or bearish by its drift over a
/// month of bars in standard deviations, h = clamp(mean / sd * sqrt(20), -1, 1): bullish max(h, 0), bearish
/// max(-h, 0), neutral 1 - |h|; the HMM view is the probability-weighted lean, blended with the fuzzy view with weight
/// <c>trendWeight</c> (the HMM view alone while the trend is undefined).
/// </summary>
public static class RegimeScorer
{
    public static RegimeConfidence Score(HmmFit fit, ReadOnlySpan<double> filtered, TrendConfidence? trend, double trendWeight = 0.5)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var model = fit.Model;
        if (filtered.Length != model.States)
        {
            throw new ArgumentException($"expected {model.States} state probabilities, got {filtered.Length}", nameof(filtered));
        }

        if (!(trendWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trendWeight), trendWeight, "must lie in [0, 1]");
        }

        double bull = 0, neutral = 0, bear = 0;
        var state = 0;
        for (var k = 0; k < model.States; k++)
        {
            var lean = Math.Clamp(model.Means[k][0] / Math.Sqrt(model.Variances[k][0]) * Math.Sqrt(20), -1, 1);
            bull += filtered[k] * Math.Max(lean, 0);
            bear += filtered[k] * Math.Max(-lean, 0);
            neutral += filtered[k] * (1 - Math.Abs(lean));
            if (filtered[k] > filtered[state])
            {
                state = k;
            }
        }

        if (trend is { } t)
        {
            bull = (trendWeight * t.Bullish) + ((1 - trendWeight) * bull);
            neutral = (trendWeight * t.Neutral) + ((1 - trendWeight) * neutral);
            bear = (trendWeight * t.Bearish) + ((1 - trendWeight) * bear);
        }

        return new RegimeConfidence(state, fit.Labels[state], filtered[state], filtered[model.States - 1], bull, neutral, bear, bull - bear, trend.HasValue);
    }
}
