namespace MarketIntel.Core.Risk;

/// <summary>
/// Histogram of horizon simple returns: <c>Counts.Length</c> equal bins between <see cref="Edges"/>[0] and its last
/// edge (a bin holds [lower, upper)), plus the paths below and above. The range is fixed before the run from the
/// model's per-step log-return mean m and deviation s: exp(H m +- 5 s sqrt(H)) - 1, so batches agree on it.
/// </summary>
public sealed record ReturnHistogram(double[] Edges, long[] Counts, long Underflow, long Overflow);
