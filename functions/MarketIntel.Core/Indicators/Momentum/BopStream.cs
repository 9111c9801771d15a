using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Bop"/>.</summary>
public sealed class BopStream(int period) : StreamingIndicator
{
    private readonly WindowCore _window = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var raw = bar.High != bar.Low ? (bar.Close - bar.Open) / (bar.High - bar.Low) : double.NaN;
        _value = _window.Update(raw, isNew) ? _window.Sma() : double.NaN;
    }
}
