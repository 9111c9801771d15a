namespace MarketIntel.Core.Risk;

/// <summary>
/// Tail measures at one confidence c over the N paths' horizon simple returns R, sorted R(1) &lt;= ... &lt;= R(N), with
/// j = ceil((1 - c) N): <see cref="ValueAtRisk"/> = -R(j) (the lower empirical quantile, Hyndman-Fan type 1, as a
/// positive loss fraction); <see cref="ConditionalValueAtRisk"/> = -(R(1) + ... + R(j)) / j, the mean of the j worst
/// outcomes; <see cref="MaxDrawdownQuantile"/> is the j-th largest maximum drawdown.
/// </summary>
public sealed record TailRisk(double Confidence, int TailCount, double ValueAtRisk, double ConditionalValueAtRisk, double MaxDrawdownQuantile);
