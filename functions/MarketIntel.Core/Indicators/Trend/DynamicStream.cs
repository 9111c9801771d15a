using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Dynamic"/> (McGinley), with the batch's restart after a NaN.</summary>
public sealed class DynamicStream(int period, double k) : StreamingIndicator
{
    private Revisable<(int N, double D)> _s;
    private double _value = double.NaN;

    public override int WarmUpPeriod => 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, d) = _s.Cur;
        var c = bar.Close;
        if (n == 0)
        {
            _value = double.NaN;
            _s.Cur = (1, c);
            return;
        }

        d += (c - d) / (k * period * Math.Pow(c / d, 4));
        _value = d;
        _s.Cur = (n + 1, double.IsNaN(d) ? c : d);
    }
}
