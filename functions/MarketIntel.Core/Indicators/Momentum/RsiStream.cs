using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Rsi"/> (also usable on any value series through <see cref="UpdateValue"/>).</summary>
public sealed class RsiStream(int period) : StreamingIndicator
{
    private readonly double _a = (period - 1) / (double)period;
    private readonly double _b = 1.0 / period;
    private Revisable<State> _s;

    public override int WarmUpPeriod => period;

    public double Value => _s.Cur.Value;

    public override double Output(int column) => _s.Cur.N > period ? _s.Cur.Value : double.NaN;

    protected override void Update(in Bar bar, bool isNew) => UpdateValue(bar.Close, isNew);

    /// <summary>Adds or revises one value; returns the RSI or NaN during warm-up.</summary>
    internal double UpdateValue(double x, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        if (s.N > period)
        {
            var dx = x - s.Last;
            s.N++;
            s.Gain = Rsi.Wilder(s.Gain, Rsi.Up(dx), _a, _b);
            s.Loss = Rsi.Wilder(s.Loss, Rsi.Down(dx), _a, _b);
            s.Value = Rsi.Value(s.Gain, s.Loss);
            s.Last = x;
            return s.Value;
        }

        if (s.N == 0 && double.IsNaN(x))
        {
            return double.NaN;
        }

        s.N++;
        if (s.N > 1)
        {
            var d = x - s.Last;
            var g = d > 0 ? d : 0;
            var l = d < 0 ? -d : 0;
            if (s.N <= period + 1)
            {
                s.Gain += g;
                s.Loss += l;
                if (s.N == period + 1)
                {
                    s.Gain /= period;
                    s.Loss /= period;
                    s.Value = Rsi.Value(s.Gain, s.Loss);
                }
            }
            else
            {
                s.Gain = Rsi.Wilder(s.Gain, g, _a, _b);
                s.Loss = Rsi.Wilder(s.Loss, l, _a, _b);
                s.Value = Rsi.Value(s.Gain, s.Loss);
            }
        }

        s.Last = x;
        return s.N > period ? s.Value : double.NaN;
    }

    private struct State
    {
        public int N;
        public double Last;
        public double Gain;
        public double Loss;
        public double Value;
    }
}
