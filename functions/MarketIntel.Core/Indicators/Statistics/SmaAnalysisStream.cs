using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="SmaAnalysis"/>; outputs sma, mad, mse, mape.</summary>
public sealed class SmaAnalysisStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private double _sma = double.NaN;
    private double _mad = double.NaN;
    private double _mse = double.NaN;
    private double _mape = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _sma,
        1 => _mad,
        2 => _mse,
        _ => _mape,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count < period)
        {
            return;
        }

        var sma = _close.Sum(period) / period;
        double mad = 0, mse = 0, mape = 0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            var c = _close[ago];
            var d = c - sma;
            mad += Math.Abs(d);
            mse += d * d;
            mape += Math.Abs(d) / c;
        }

        _sma = sma;
        _mad = mad / period;
        _mse = mse / period;
        _mape = mape / period;
    }
}
