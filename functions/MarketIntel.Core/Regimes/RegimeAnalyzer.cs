using MarketIntel.Core.Market;

namespace MarketIntel.Core.Regimes;

/// <summary>Fits the HMM to a bar series and derives Viterbi states, filtered probabilities and regime confidences.</summary>
public static class RegimeAnalyzer
{
    public static RegimeAnalysis Analyze(IReadOnlyList<Bar> bars, HmmFitOptions options, bool includeRange = false, FuzzyTrendOptions? trendOptions = null)
    {
        var observations = RegimeFeatures.FromBars(bars, includeRange);
        var fit = GaussianHmm.Fit(observations, options);
        var viterbi = GaussianHmm.Viterbi(fit.Model, observations);
        var filtered = GaussianHmm.Filter(fit.Model, observations);
        var closes = new double[bars.Count];
        for (var i = 0; i < closes.Length; i++)
        {
            closes[i] = bars[i].Close;
        }

        var trend = FuzzyTrendScore.Compute(closes, trendOptions);
        var confidence = new RegimeConfidence[observations.Length];
        for (var t = 0; t < confidence.Length; t++)
        {
            confidence[t] = RegimeScorer.Score(fit, filtered[t], trend[t + 1]);
        }

        return new RegimeAnalysis(fit, viterbi, filtered, trend, confidence);
    }
}
