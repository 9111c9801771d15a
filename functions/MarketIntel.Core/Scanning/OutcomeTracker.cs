using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Follows a setup over the bars after its signal, up to a horizon. On each bar the stop is checked before the target:
/// when one bar's range holds both, the stop is assumed to have come first (bars do not say which did, and assuming the
/// target would flatter). A bar that opens beyond the stop exits at its open (a gap costs more than the stop); a target
/// exits at the target, never better. Without either by the horizon, the exit is the horizon bar's close; if the data
/// ends before that, the outcome stays open.
/// </summary>
public static class OutcomeTracker
{
    public static readonly int[] ForwardBars = [1, 5, 20];

    public static SetupOutcome Track(BarSeries bars, int signal, TradeSide side, double entry, double stop, double target, int horizon)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var sign = side == TradeSide.Long ? 1.0 : -1.0;
        var risk = Math.Abs(entry - stop);
        var last = bars.Count - 1;
        var forward = new double[ForwardBars.Length];
        for (var k = 0; k < forward.Length; k++)
        {
            var j = signal + ForwardBars[k];
            forward[k] = j <= last ? sign * ((bars.Close[j] / entry) - 1) : double.NaN;
        }

        double favorable = 0, adverse = 0;
        var exit = OutcomeExit.Open;
        var exitBars = 0;
        var exitPrice = double.NaN;
        for (var j = signal + 1; j <= Math.Min(signal + horizon, last); j++)
        {
            double high = bars.High[j], low = bars.Low[j], open = bars.Open[j];
            var best = side == TradeSide.Long ? high : low;
            var worst = side == TradeSide.Long ? low : high;
            favorable = Math.Max(favorable, sign * ((best / entry) - 1));
            adverse = Math.Min(adverse, sign * ((worst / entry) - 1));
            if (sign * (worst - stop) <= 0)
            {
                exit = OutcomeExit.Stop;
                exitPrice = sign * (open - stop) < 0 ? open : stop;
            }
            else if (sign * (best - target) >= 0)
            {
                exit = OutcomeExit.Target;
                exitPrice = target;
            }
            else if (j == signal + horizon)
            {
                exit = OutcomeExit.Horizon;
                exitPrice = bars.Close[j];
            }

            if (exit != OutcomeExit.Open)
            {
                exitBars = j - signal;
                break;
            }
        }

        var r = exit == OutcomeExit.Open ? double.NaN : sign * (exitPrice - entry) / risk;
        return new SetupOutcome(forward[0], forward[1], forward[2], favorable, adverse, exit, exitBars, exitPrice, r);
    }
}
