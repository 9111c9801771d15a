using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>Streaming <see cref="HeikinAshi"/>; outputs open, high, low, close, volume.</summary>
public sealed class HeikinAshiStream : StreamingIndicator
{
    private Revisable<(int N, double Open, double Close)> _s;
    private double _high = double.NaN;
    private double _low = double.NaN;
    private double _volume = double.NaN;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => Count == 0 ? double.NaN : column switch
    {
        0 => _s.Cur.Open,
        1 => _high,
        2 => _low,
        3 => _s.Cur.Close,
        _ => _volume,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, po, pc) = _s.Cur;
        var c = (bar.Open + bar.High + bar.Low + bar.Close) / 4;
        var o = n == 0 ? (bar.Open + bar.Close) / 2 : (po + pc) / 2;
        _high = Math.Max(bar.High, Math.Max(o, c));
        _low = Math.Min(bar.Low, Math.Min(o, c));
        _volume = (double)bar.Volume;
        _s.Cur = (n + 1, o, c);
    }
}
