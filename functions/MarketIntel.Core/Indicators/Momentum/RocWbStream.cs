using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="RocWb"/>; outputs roc, rocEma, upperBand, lowerBand.</summary>
public sealed class RocWbStream(int period, int emaPeriod, int stdDevPeriod) : StreamingIndicator
{
    private readonly RingWindow _close = new(period + 1);
    private readonly ExpCore _ema = new(emaPeriod);
    private readonly WindowCore _squares = new(stdDevPeriod);
    private double _roc = double.NaN;
    private double _band = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => column switch
    {
        0 => _roc,
        1 => _ema.Value,
        2 => _band,
        _ => -_band,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        _roc = _close.Count > period ? 100 * (_close[0] - _close[period]) / _close[period] : double.NaN;
        _ema.Update(_roc, isNew);
        _band = _squares.Update(_roc * _roc, isNew) ? Math.Sqrt(_squares.Ring.Sum(stdDevPeriod) / stdDevPeriod) : double.NaN;
    }
}
