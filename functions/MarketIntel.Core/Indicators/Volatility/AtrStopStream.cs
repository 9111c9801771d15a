using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="AtrStop"/>; outputs atrStop, buyStop, sellStop, atr.</summary>
public sealed class AtrStopStream(int period, double multiplier, bool useClose) : StreamingIndicator
{
    private readonly AtrStream _atr = new(period);
    private Revisable<State> _s;

    public override int WarmUpPeriod => period;

    public override double Output(int column)
    {
        ref readonly var s = ref _s.Cur;
        if (s.N <= period)
        {
            return double.NaN;
        }

        return column switch
        {
            0 => s.Bullish ? s.Lower : s.Upper,
            1 => s.Bullish ? double.NaN : s.Upper,
            2 => s.Bullish ? s.Lower : double.NaN,
            _ => _atr.Atr,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        var atr = _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        s.N++;
        if (s.N > period)
        {
            var upperEval = (useClose ? bar.Close : bar.High) + (multiplier * atr);
            var lowerEval = (useClose ? bar.Close : bar.Low) - (multiplier * atr);
            if (s.N == period + 1)
            {
                s.Bullish = bar.Close >= s.PrevClose;
                s.Upper = upperEval;
                s.Lower = lowerEval;
            }

            Common.TrailingBands.Trail(ref s.Upper, ref s.Lower, upperEval, lowerEval, s.PrevClose);
            s.Bullish = Common.TrailingBands.IsBullish(s.Bullish, bar.Close, s.Upper, s.Lower);
        }

        s.PrevClose = bar.Close;
    }

    private struct State
    {
        public int N;
        public double PrevClose;
        public double Upper;
        public double Lower;
        public bool Bullish;
    }
}
