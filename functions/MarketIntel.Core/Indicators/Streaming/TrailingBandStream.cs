using MarketIntel.Core.Indicators.Common;
using MarketIntel.Core.Indicators.Volatility;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// Streaming ATR-based trailing bands (SuperTrend, ATR stop): the derived class says where a bar's bands would be and the
/// initial trend; the bands then trail by <see cref="TrailingBands"/>. Outputs 0..2: active band, upper (downtrend only),
/// lower (uptrend only); 3: the ATR.
/// </summary>
public abstract class TrailingBandStream(int period) : StreamingIndicator
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

    /// <summary>The bar's untrailed bands, and the trend to start with (used on the first bar with an ATR).</summary>
    protected abstract (double Upper, double Lower, bool InitiallyBullish) Evaluate(in Bar bar, double atr, double prevClose);

    protected override void Update(in Bar bar, bool isNew)
    {
        var atr = _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        s.N++;
        if (s.N > period)
        {
            var (upperEval, lowerEval, initiallyBullish) = Evaluate(bar, atr, s.PrevClose);
            if (s.N == period + 1)
            {
                s.Bullish = initiallyBullish;
                s.Upper = upperEval;
                s.Lower = lowerEval;
            }
            else
            {
                TrailingBands.Trail(ref s.Upper, ref s.Lower, upperEval, lowerEval, s.PrevClose);
            }

            s.Bullish = TrailingBands.IsBullish(s.Bullish, bar.Close, s.Upper, s.Lower);
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
