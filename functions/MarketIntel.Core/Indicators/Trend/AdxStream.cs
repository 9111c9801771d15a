using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Adx"/>; outputs pdi, mdi, dx, adx, adxr.</summary>
public sealed class AdxStream(int period) : StreamingIndicator
{
    private readonly Adx.Kernel _kernel = Adx.Kernel.Create(period);
    private readonly RingWindow _adx = new(period + 1);
    private Revisable<State> _s;
    private double _pdi = double.NaN;
    private double _mdi = double.NaN;
    private double _dx = double.NaN;
    private double _adxValue = double.NaN;
    private double _adxr = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => column switch
    {
        0 => _pdi,
        1 => _mdi,
        2 => _dx,
        3 => _adxValue,
        _ => _adxr,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        var adx = double.NaN;
        _pdi = _mdi = _dx = double.NaN;
        if (i >= 1)
        {
            adx = _kernel.Step(ref s.Kernel, i, bar.High, bar.Low, s.High, s.Low, s.Close, out _pdi, out _mdi, out _dx);
        }

        s.High = bar.High;
        s.Low = bar.Low;
        s.Close = bar.Close;
        _adxValue = adx;
        _adx.Update(adx, isNew);
        _adxr = i >= (3 * period) - 1 ? (adx + _adx[period]) / 2 : double.NaN;
    }

    private struct State
    {
        public int N;
        public double High;
        public double Low;
        public double Close;
        public Adx.Kernel.State Kernel;
    }
}
