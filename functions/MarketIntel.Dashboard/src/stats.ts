/**
 * The standard normal quantile (inverse CDF) by Acklam's rational approximation, relative error below 1.2e-9:
 * plenty for drawing a fan chart.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) {
    return -normalQuantile(1 - p);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Mean, sample standard deviation, and the Sharpe ratio with its large-sample standard error sqrt((1 + SR²/2)/n). */
export function sharpe(values: number[]): { n: number; mean: number; sd: number; sharpe: number; se: number } {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  const sr = sd > 0 ? mean / sd : NaN;
  return { n, mean, sd, sharpe: sr, se: n > 0 ? Math.sqrt((1 + (sr * sr) / 2) / n) : NaN };
}

/**
 * An account's metrics from its equity curve: total return on the starting cash, the deepest fall from the running peak
 * (the starting cash is the first peak), and the Sharpe ratio of the per-point simple returns (per evaluated bar, not annualized).
 */
export function equityMetrics(startingCash: number, equity: number[]): { points: number; totalReturn: number; maxDrawdown: number; sharpe: ReturnType<typeof sharpe> } {
  let peak = startingCash;
  let maxDrawdown = 0;
  let previous = startingCash;
  const returns: number[] = [];
  for (const e of equity) {
    returns.push(previous > 0 ? e / previous - 1 : NaN);
    previous = e;
    peak = Math.max(peak, e);
    maxDrawdown = Math.max(maxDrawdown, peak > 0 ? (peak - e) / peak : 0);
  }
  const last = equity.length ? equity[equity.length - 1]! : startingCash;
  return { points: equity.length, totalReturn: startingCash > 0 ? last / startingCash - 1 : NaN, maxDrawdown, sharpe: sharpe(returns.filter(Number.isFinite)) };
}
