using System.Globalization;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Scores setups from 0 to 100 as the weighted mean of components in [0, 1] (0.5 = neutral; an undefined measure is
/// neutral):
/// <list type="bullet">
/// <item><b>signal strength</b>: how decisively the entry rule's comparisons hold, in ATR(14) units. For each
/// comparison joined by <c>and</c> at the top of the rule, m = (left − right)/ATR, signed so that holding is positive;
/// the component is the mean of max(m, 0)/(1 + max(m, 0)) (0 at the threshold, 0.5 one ATR beyond).</item>
/// <item><b>momentum</b>: the 20-bar return r signed for the side, as 0.5 + 0.5·tanh(r / 10%).</item>
/// <item><b>relative volume</b>: v = volume / average volume of the 20 bars before, as v / (1 + v) (0.5 at normal volume).</item>
/// <item><b>liquidity</b>: the 20-bar average dollar volume d, as (log10 d − 5) / 4 clamped to [0, 1] ($100k → 0, $1bn → 1).</item>
/// <item><b>regime agreement</b>: the symbol's fuzzy trend regime (<see cref="FuzzyTrendScore"/>, default windows,
/// closes up to the signal bar) agreeing with the side: P(bullish) + P(neutral)/2 for a long, P(bearish) + P(neutral)/2
/// for a short (0.5 when neutral or undefined).</item>
/// </list>
/// </summary>
public sealed class SetupScorer
{
    private const int Lookback = 20;
    private static readonly FuzzyTrendOptions RegimeOptions = new();
    private readonly ScoreWeights _weights;
    private readonly double _sign;
    private readonly ScanProgram[] _margins;
    private readonly ScanProgram _momentum = ScanProgram.Value($"close / close[{Lookback}] - 1");
    private readonly ScanProgram _relativeVolume = ScanProgram.Value($"volume / avg(volume, {Lookback})[1]");
    private readonly ScanProgram _dollarVolume = ScanProgram.Value($"avg(close * volume, {Lookback})");

    public SetupScorer(ScanExpr entry, TradeSide side, ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _weights = weights ?? throw new ArgumentNullException(nameof(weights));
        _sign = side == TradeSide.Long ? 1 : -1;
        var atr = ScanParser.ParseValue("atr(14)");
        _margins = Comparisons(entry).Select(c => ScanProgram.Compile(Margin(c, atr))).ToArray();
    }

    /// <summary>Scores bars of one symbol; the arrays are computed once per symbol.</summary>
    public Func<int, (double Score, ScoreComponent[] Components)> For(ScanSeries series)
    {
        var margins = _margins.Select(m => m.Evaluate(series)).ToArray();
        var momentum = _momentum.Evaluate(series);
        var relativeVolume = _relativeVolume.Evaluate(series);
        var dollarVolume = _dollarVolume.Evaluate(series);
        var closes = series.Bars.Close;
        RequireRegimeInput(closes);
        return i =>
        {
            var w = _weights;
            var strengthRaw = margins.Length == 0 ? double.NaN : margins.Average(m => m[i]);
            var strength = margins.Length == 0 || double.IsNaN(strengthRaw) ? 0.5 : margins.Average(m => Math.Max(m[i], 0) / (1 + Math.Max(m[i], 0)));
            var mom = _sign * momentum[i];
            var rv = relativeVolume[i];
            var dv = dollarVolume[i];
            ScoreComponent[] components =
            [
                new("signalStrength", strengthRaw, strength, w.SignalStrength, margins.Length == 0
                    ? "the rule has no top-level comparison to measure"
                    : Say($"the rule's {margins.Length} comparison(s) hold by {strengthRaw:0.##} ATR on average")),
                new("momentum", mom, Neutral(mom, 0.5 + (0.5 * Math.Tanh(mom / 0.10))), w.Momentum, Say($"{Lookback}-bar return {mom:+0.0%;-0.0%} in the setup's direction")),
                new("relativeVolume", rv, Neutral(rv, rv / (1 + rv)), w.RelativeVolume, Say($"volume {rv:0.##}x the {Lookback}-bar average")),
                new("liquidity", dv, Neutral(dv, Math.Clamp((Math.Log10(dv) - 5) / 4, 0, 1)), w.Liquidity, Say($"average dollar volume {dv:#,0}")),
                Regime(RegimeAt(closes, i), w.RegimeAgreement),
            ];
            double sum = 0, weights = 0;
            foreach (var c in components)
            {
                sum += c.Weight * c.Value;
                weights += c.Weight;
            }

            return (100 * sum / weights, components);
        };
    }

    /// <summary>
    /// The fuzzy trend regime at bar <paramref name="i"/>, as <see cref="FuzzyTrendScore.Compute"/> gives it over all the
    /// closes: its value at a bar reads only the closes of its windows, so it is computed over that slice alone. Only
    /// signal bars are scored, and the whole column (a window of logarithms per bar) was half of a scan's time.
    /// </summary>
    private static TrendConfidence? RegimeAt(double[] closes, int i)
    {
        var lookback = Math.Max(RegimeOptions.TrendWindow, RegimeOptions.MomentumWindow);
        return i < lookback ? null : FuzzyTrendScore.Compute(closes.AsSpan(i - lookback, lookback + 1), RegimeOptions)[lookback];
    }

    /// <summary>The whole column's check, kept when only signal bars are evaluated: a bad close fails the symbol as before.</summary>
    private static void RequireRegimeInput(double[] closes)
    {
        foreach (var c in closes)
        {
            if (!(c > 0) || !double.IsFinite(c))
            {
                throw new ArgumentException("closes must be positive and finite", nameof(closes));
            }
        }
    }

    private ScoreComponent Regime(TrendConfidence? trend, double weight)
    {
        if (trend is not { } t)
        {
            return new ScoreComponent("regimeAgreement", double.NaN, 0.5, weight, "trend regime not yet defined (too few bars)");
        }

        var agree = _sign > 0 ? t.Bullish : t.Bearish;
        var raw = _sign * (t.Bullish - t.Bearish);
        return new ScoreComponent("regimeAgreement", raw, agree + (0.5 * t.Neutral), weight, Say($"trend regime bullish {t.Bullish:0%}, neutral {t.Neutral:0%}, bearish {t.Bearish:0%}"));
    }

    private static double Neutral(double raw, double value) => double.IsFinite(raw) && double.IsFinite(value) ? value : 0.5;

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The comparisons reachable from the root through <c>and</c> only: the conditions every signal satisfies.</summary>
    private static IEnumerable<ScanExpr.Binary> Comparisons(ScanExpr e)
    {
        if (e is ScanExpr.Binary { Operator: ScanOperator.And } and)
        {
            return Comparisons(and.Left).Concat(Comparisons(and.Right));
        }

        return e is ScanExpr.Binary { Operator: ScanOperator.Less or ScanOperator.LessEqual or ScanOperator.Greater or ScanOperator.GreaterEqual or ScanOperator.CrossesAbove or ScanOperator.CrossesBelow } b
            ? [b]
            : [];
    }

    private static ScanExpr Margin(ScanExpr.Binary c, ScanExpr atr)
    {
        var above = c.Operator is ScanOperator.Greater or ScanOperator.GreaterEqual or ScanOperator.CrossesAbove;
        var difference = above
            ? new ScanExpr.Binary(c.Column, ScanOperator.Subtract, c.Left, c.Right)
            : new ScanExpr.Binary(c.Column, ScanOperator.Subtract, c.Right, c.Left);
        return new ScanExpr.Binary(c.Column, ScanOperator.Divide, difference, atr);
    }
}
