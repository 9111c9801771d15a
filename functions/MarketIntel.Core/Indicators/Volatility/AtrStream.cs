using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Atr"/>; outputs atr, tr, atrp (catalog order).</summary>
public sealed class AtrStream(int period) : StreamingIndicator
{
    private readonly double _a = (period - 1) / (double)period;
    private readonly double _b = 1.0 / period;
    private Revisable<State> _s;

    public override int WarmUpPeriod => period;

    public double Atr => _s.Cur.N > period ? _s.Cur.Atr : double.NaN;

    public double TrueRange => _s.Cur.N > 1 ? _s.Cur.Tr : double.NaN;

    public override double Output(int column) => column switch
    {
        0 => Atr,
        1 => TrueRange,
        _ => Atr / _s.Cur.Close * 100,
    };

    protected override void Update(in Bar bar, bool isNew) => UpdateValues(bar.High, bar.Low, bar.Close, isNew);

    internal double UpdateValues(double high, double low, double close, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        s.N++;
        if (s.N > period + 1)
        {
            var tr = Common.Window.TrueRange(high, low, s.Close);
            s.Tr = tr;
            s.Atr = Momentum.Rsi.Wilder(s.Atr, tr, _a, _b);
            s.Close = close;
            return s.Atr;
        }

        if (s.N > 1)
        {
            var pc = s.Close;
            var t = Common.Window.TrueRange(high, low, pc);
            s.Tr = t;
            if (s.N <= period)
            {
                s.Sum += t;
            }
            else
            {
                s.Atr = s.N == period + 1 ? (s.Sum + t) / period : Momentum.Rsi.Wilder(s.Atr, t, _a, _b);
            }
        }

        s.Close = close;
        return Atr;
    }

    private struct State
    {
        public int N;
        public double Close;
        public double Tr;
        public double Sum;
        public double Atr;
    }
}
