using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Smi"/>; outputs smi, signal.</summary>
public sealed class SmiStream(int period, int first, int second, int signal) : StreamingIndicator
{
    private readonly RingWindow _high = new(period);
    private readonly RingWindow _low = new(period);
    private readonly ExpCore _sm1 = new(first, SmoothingMode.EmaFromFirst);
    private readonly ExpCore _sm2 = new(second, SmoothingMode.EmaFromFirst);
    private readonly ExpCore _hl1 = new(first, SmoothingMode.EmaFromFirst);
    private readonly ExpCore _hl2 = new(second, SmoothingMode.EmaFromFirst);
    private readonly ExpCore _signal = new(signal, SmoothingMode.EmaFromFirst);
    private double _smi = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column == 0 ? _smi : _signal.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        double sm = double.NaN, hl = double.NaN;
        if (_high.Count >= period)
        {
            var hh = _high.Max(period);
            var ll = _low.Min(period);
            sm = bar.Close - ((hh + ll) / 2);
            hl = hh - ll;
        }

        var s2 = _sm2.Update(_sm1.Update(sm, isNew), isNew);
        var h2 = _hl2.Update(_hl1.Update(hl, isNew), isNew);
        _smi = h2 != 0 ? 100 * s2 / (0.5 * h2) : double.NaN;
        _signal.Update(_smi, isNew);
    }
}
