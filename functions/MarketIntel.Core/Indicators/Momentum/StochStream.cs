using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Stoch"/>; outputs oscillator, signal, percentJ, k, d, j.</summary>
public sealed class StochStream(int period, int signal, int smooth) : StreamingIndicator
{
    private readonly RingWindow _high = new(period);
    private readonly RingWindow _low = new(period);
    private readonly WindowCore _k = new(smooth);
    private readonly WindowCore _d = new(signal);
    private double _kValue = double.NaN;
    private double _dValue = double.NaN;

    public override int WarmUpPeriod => period + smooth - 2;

    public override double Output(int column) => (column % 3) switch
    {
        0 => _kValue,
        1 => _dValue,
        _ => (3 * _kValue) - (2 * _dValue),
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        var raw = double.NaN;
        if (_high.Count >= period)
        {
            var hh = _high.Max(period);
            var ll = _low.Min(period);
            raw = hh - ll != 0 ? 100 * (bar.Close - ll) / (hh - ll) : 0;
        }

        if (smooth > 1)
        {
            _kValue = _k.Update(raw, isNew) ? _k.Sma() : double.NaN;
        }
        else
        {
            _kValue = raw;
        }

        _dValue = _d.Update(_kValue, isNew) ? _d.Sma() : double.NaN;
    }
}
