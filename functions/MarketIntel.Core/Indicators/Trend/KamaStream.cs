using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Kama"/>; outputs kama, er.</summary>
public sealed class KamaStream(int period, int fast, int slow) : StreamingIndicator
{
    private readonly RingWindow _close = new(period + 1);
    private Revisable<(int N, double Kama, double Er)> _s;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column)
    {
        var (n, kama, er) = _s.Cur;
        return column == 0 ? (n >= period ? kama : double.NaN) : (n > period ? er : double.NaN);
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        _s.Begin(isNew);
        var (n, kama, er) = _s.Cur;
        n++;
        if (n == period)
        {
            kama = bar.Close;
        }
        else if (n > period)
        {
            var change = Math.Abs(_close[0] - _close[period]);
            var vol = 0.0;
            for (var ago = period - 1; ago >= 0; ago--)
            {
                vol += Math.Abs(_close[ago] - _close[ago + 1]);
            }

            er = vol != 0 ? change / vol : 1;
            var fsc = 2.0 / (fast + 1);
            var ssc = 2.0 / (slow + 1);
            var sc = (er * (fsc - ssc)) + ssc;
            kama += sc * sc * (bar.Close - kama);
        }

        _s.Cur = (n, kama, er);
    }
}
