namespace MarketIntel.Core.Regimes;

/// <summary>
/// Regimes of a bar series. Row t of <see cref="Viterbi"/>, <see cref="Filtered"/> and <see cref="Confidence"/> belongs
/// to bar t + 1 (the first bar has no return); <see cref="Trend"/> has one entry per bar.
/// </summary>
public sealed record RegimeAnalysis(HmmFit Fit, int[] Viterbi, double[][] Filtered, TrendConfidence?[] Trend, RegimeConfidence[] Confidence);
