using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Adx"/>; outputs pdi, mdi, dx, adx, adxr.</summary>
public sealed class AdxStream(int period) : StreamingIndicator
{
    private readonly RingWindow _adx = new(period + 1);
    private Revisable<State> _s;
    private double _adxr = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column)
    {
        ref readonly var s = ref _s.Cur;
        return column switch
        {
            0 => s.Pdi,
            1 => s.Mdi,
            2 => s.Dx,
            3 => s.Adx,
            _ => _adxr,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        s.Pdi = s.Mdi = s.Dx = s.Adx = double.NaN;
        if (i >= 1)
        {
            var tr = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - s.Close), Math.Abs(bar.Low - s.Close)));
            var up = bar.High - s.High;
            var down = s.Low - bar.Low;
            var pdm = up > down && up > 0 ? up : 0;
            var mdm = down > up && down > 0 ? down : 0;
            if (i <= period)
            {
                s.Trs += tr;
                s.Pdms += pdm;
                s.Mdms += mdm;
            }
            else
            {
                s.Trs = s.Trs - (s.Trs / period) + tr;
                s.Pdms = s.Pdms - (s.Pdms / period) + pdm;
                s.Mdms = s.Mdms - (s.Mdms / period) + mdm;
            }

            if (i >= period && s.Trs != 0)
            {
                s.Pdi = 100 * s.Pdms / s.Trs;
                s.Mdi = 100 * s.Mdms / s.Trs;
                s.Dx = s.Pdi + s.Mdi == 0 ? 0 : 100 * Math.Abs(s.Pdi - s.Mdi) / (s.Pdi + s.Mdi);
                if (i < 2 * period)
                {
                    s.DxSum += s.Dx;
                    if (i == (2 * period) - 1)
                    {
                        s.AdxValue = s.DxSum / period;
                        s.Adx = s.AdxValue;
                    }
                }
                else
                {
                    s.AdxValue = ((s.AdxValue * (period - 1)) + s.Dx) / period;
                    s.Adx = s.AdxValue;
                }
            }
        }

        s.High = bar.High;
        s.Low = bar.Low;
        s.Close = bar.Close;
        _adx.Update(s.Adx, isNew);
        _adxr = i >= (3 * period) - 1 ? (s.Adx + _adx[period]) / 2 : double.NaN;
    }

    private struct State
    {
        public int N;
        public double High;
        public double Low;
        public double Close;
        public double Trs;
        public double Pdms;
        public double Mdms;
        public double DxSum;
        public double AdxValue;
        public double Pdi;
        public double Mdi;
        public double Dx;
        public double Adx;
    }
}
