namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// Streaming exponential/Wilder smoothing with exactly the arithmetic of the batch kernels in <c>Common.Ma</c>.
/// Leading NaN inputs (an upstream warm-up) are skipped.
/// </summary>
internal sealed class ExpCore(int period, SmoothingMode mode, double k)
{
    private readonly double _a = (period - 1) / (double)period;
    private readonly double _b = 1.0 / period;
    private readonly int _ready = mode == SmoothingMode.EmaFromFirst ? 1 : period;
    private Revisable<State> _s;

    public ExpCore(int period, SmoothingMode mode = SmoothingMode.Ema)
        : this(period, mode, 2.0 / (period + 1))
    {
    }

    public double Value => _s.Cur.N >= (mode == SmoothingMode.EmaFromFirst ? 1 : period) ? _s.Cur.Value : double.NaN;

    public double Update(double x, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        if (s.N >= _ready)
        {
            // Steady state first: the warm-up branches below run only period times.
            s.N++;
            s.Value = mode == SmoothingMode.Wilder ? Momentum.Rsi.Wilder(s.Value, x, _a, _b) : Common.Ma.Step(s.Value, x, k);
            return s.Value;
        }

        if (s.N == 0 && double.IsNaN(x))
        {
            return double.NaN;
        }

        s.N++;
        if (mode == SmoothingMode.EmaFromFirst)
        {
            s.Value = s.N == 1 ? x : Common.Ma.Step(s.Value, x, k);
        }
        else if (s.N <= period)
        {
            s.Sum += x;
            if (s.N == period)
            {
                s.Value = s.Sum / period;
            }
        }
        else
        {
            s.Value = mode == SmoothingMode.Wilder ? Momentum.Rsi.Wilder(s.Value, x, _a, _b) : Common.Ma.Step(s.Value, x, k);
        }

        return Value;
    }

    private struct State
    {
        public int N;
        public double Sum;
        public double Value;
    }
}
