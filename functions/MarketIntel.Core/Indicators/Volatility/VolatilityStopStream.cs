using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="VolatilityStop"/>; outputs sar, isStop, upperBand, lowerBand (empty through the first stop, like the batch).</summary>
public sealed class VolatilityStopStream(int period, double multiplier) : StreamingIndicator
{
    private readonly AtrStream _atr = new(period);
    private Revisable<State> _s;

    public override int WarmUpPeriod => period + 1;

    public override double Output(int column)
    {
        ref readonly var s = ref _s.Cur;
        if (s.Stops == 0 || (s.Stops == 1 && s.Stop) || double.IsNaN(s.Sar))
        {
            return double.NaN;
        }

        return column switch
        {
            0 => s.Sar,
            1 => s.Stop ? 1 : 0,
            2 => s.SarLong ? double.NaN : s.Sar,
            _ => s.SarLong ? s.Sar : double.NaN,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        var atr = _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        var close = bar.Close;
        if (i == 0)
        {
            s.First = close;
            s.Max = close;
            s.Min = close;
            s.Sar = double.NaN;
        }
        else if (i < period)
        {
            s.Max = Math.Max(s.Max, close);
            s.Min = Math.Min(s.Min, close);
        }

        if (i == period - 1)
        {
            s.IsLong = close > s.First;
            s.Sic = s.IsLong ? s.Max : s.Min;
        }
        else if (i >= period)
        {
            var arc = s.PrevAtr * multiplier;
            s.Stop = false;
            s.Sar = double.NaN;
            if (!double.IsNaN(arc))
            {
                s.Sar = s.IsLong ? s.Sic - arc : s.Sic + arc;
                s.SarLong = s.IsLong;
                s.Stop = s.IsLong ? close < s.Sar : close > s.Sar;
                if (s.Stop)
                {
                    s.Sic = close;
                    s.IsLong = !s.IsLong;
                    s.Stops++;
                }
                else
                {
                    s.Sic = s.IsLong ? Math.Max(s.Sic, close) : Math.Min(s.Sic, close);
                }
            }
        }

        s.PrevAtr = atr;
    }

    private struct State
    {
        public int N;
        public int Stops;
        public bool Stop;
        public bool IsLong;
        public bool SarLong;
        public double First;
        public double Max;
        public double Min;
        public double Sic;
        public double Sar;
        public double PrevAtr;
    }
}
