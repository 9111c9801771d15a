namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// Streaming exponential/Wilder smoothing with exactly the arithmetic of the batch kernels in <c>Common.Ma</c>.
/// Leading NaN inputs (an upstream warm-up) are skipped. The committed state is kept in scalar fields (not a struct
/// copy) because this is the innermost loop of most streams.
/// </summary>
internal sealed class ExpCore(int period, SmoothingMode mode, double k)
{
    private readonly double _a = Checked(period);
    private readonly double _b = 1.0 / period;
    private readonly int _ready = mode == SmoothingMode.EmaFromFirst ? 1 : period;
    private readonly bool _wilder = mode == SmoothingMode.Wilder;
    private int _n;
    private double _sum;
    private double _value;
    private int _prevN;
    private double _prevSum;
    private double _prevValue;

    public ExpCore(int period, SmoothingMode mode = SmoothingMode.Ema)
        : this(period, mode, 2.0 / (period + 1))
    {
    }

    private static double Checked(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return (period - 1) / (double)period;
    }

    public double Value => _n >= _ready ? _value : double.NaN;

    public double Update(double x, bool isNew)
    {
        int n;
        double value;
        if (isNew)
        {
            _prevN = n = _n;
            _prevValue = value = _value;
            _prevSum = _sum;
        }
        else
        {
            _n = n = _prevN;
            _value = value = _prevValue;
            _sum = _prevSum;
        }

        if (n >= _ready)
        {
            // Steady state first: the warm-up branches below run only period times.
            value = _wilder ? Momentum.Rsi.Wilder(value, x, _a, _b) : Common.Ma.Step(value, x, k);
            _value = value;
            _n = n + 1;
            return value;
        }

        if (n == 0 && double.IsNaN(x))
        {
            return double.NaN;
        }

        _n = ++n;
        if (mode == SmoothingMode.EmaFromFirst)
        {
            _value = x;
        }
        else
        {
            _sum += x;
            if (n == period)
            {
                _value = _sum / period;
            }
        }

        return Value;
    }
}
