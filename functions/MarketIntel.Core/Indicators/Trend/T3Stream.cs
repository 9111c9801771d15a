using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="T3"/>.</summary>
public sealed class T3Stream(int period, double v) : StreamingIndicator
{
    private readonly ExpCore[] _e = [new(period, SmoothingMode.EmaFromFirst), new(period, SmoothingMode.EmaFromFirst), new(period, SmoothingMode.EmaFromFirst),
        new(period, SmoothingMode.EmaFromFirst), new(period, SmoothingMode.EmaFromFirst), new(period, SmoothingMode.EmaFromFirst)];

    private double _value = double.NaN;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var x = bar.Close;
        for (var j = 0; j < 6; j++)
        {
            x = _e[j].Update(x, isNew);
        }

        var c1 = -v * v * v;
        var c2 = (3 * v * v) + (3 * v * v * v);
        var c3 = (-6 * v * v) - (3 * v) - (3 * v * v * v);
        var c4 = 1 + (3 * v) + (v * v * v) + (3 * v * v);
        _value = (c1 * _e[5].Value) + (c2 * _e[4].Value) + (c3 * _e[3].Value) + (c4 * _e[2].Value);
    }
}
