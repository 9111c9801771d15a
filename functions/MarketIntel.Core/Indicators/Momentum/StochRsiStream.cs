using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="StochRsi"/>; outputs stochRsi, signal.</summary>
public sealed class StochRsiStream(int rsiPeriod, int stochPeriod, int signal, int smooth) : StreamingIndicator
{
    private readonly RsiStream _rsi = new(rsiPeriod);
    private readonly WindowCore _window = new(stochPeriod);
    private readonly WindowCore _k = new(smooth);
    private readonly WindowCore _d = new(signal);
    private double _kValue = double.NaN;
    private double _dValue = double.NaN;

    public override int WarmUpPeriod => rsiPeriod + stochPeriod + smooth - 2;

    public override double Output(int column) => column == 0 ? _kValue : _dValue;

    protected override void Update(in Bar bar, bool isNew)
    {
        var rsi = _rsi.UpdateValue(bar.Close, isNew);
        var raw = double.NaN;
        if (_window.Update(rsi, isNew))
        {
            var hh = _window.Ring.Max(stochPeriod);
            var ll = _window.Ring.Min(stochPeriod);
            raw = hh - ll != 0 ? 100 * (rsi - ll) / (hh - ll) : 0;
        }

        _kValue = smooth > 1 ? (_k.Update(raw, isNew) ? _k.Sma() : double.NaN) : raw;
        _dValue = _d.Update(_kValue, isNew) ? _d.Sma() : double.NaN;
    }
}
