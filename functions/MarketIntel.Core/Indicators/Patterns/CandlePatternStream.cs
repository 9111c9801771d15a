using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>
/// Streaming single-bar candlestick patterns (<see cref="Doji"/>, <see cref="Marubozu"/>): the catalog's 16 outputs
/// (price, match, candle.*) of the current bar; <c>classify</c> maps (open, high, low, close) to a match label index.
/// </summary>
public sealed class CandlePatternStream(Func<double, double, double, double, int> classify) : StreamingIndicator
{
    private double _o = double.NaN;
    private double _h = double.NaN;
    private double _l = double.NaN;
    private double _c = double.NaN;
    private double _v = double.NaN;
    private int _match;

    public override int WarmUpPeriod => 0;

    public override double Output(int column)
    {
        var size = _h - _l;
        var body = Math.Abs(_c - _o);
        var upper = _h - Math.Max(_o, _c);
        var lower = Math.Min(_o, _c) - _l;
        return column switch
        {
            0 => _match != Candles.None ? _c : double.NaN,
            1 => Count == 0 ? double.NaN : _match,
            2 => _o,
            3 => _h,
            4 => _l,
            5 => _c,
            6 => _v,
            7 => size,
            8 => body,
            9 => upper,
            10 => lower,
            11 => size != 0 ? body / size : 1,
            12 => size != 0 ? upper / size : 1,
            13 => size != 0 ? lower / size : 1,
            14 => _c > _o ? 1 : 0,
            _ => _c < _o ? 1 : 0,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        (_o, _h, _l, _c, _v) = (bar.Open, bar.High, bar.Low, bar.Close, (double)bar.Volume);
        _match = classify(bar.Open, bar.High, bar.Low, bar.Close);
    }
}
