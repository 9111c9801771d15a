using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="MaEnvelopes"/>; outputs centerline, upperEnvelope, lowerEnvelope. Type: sma, ema, wma or smma.</summary>
public sealed class MaEnvelopesStream(int period, double percent, string type) : StreamingIndicator
{
    private readonly WindowCore _window = new(period);
    private readonly ExpCore _exp = new(period, type == "smma" ? SmoothingMode.Wilder : SmoothingMode.Ema);
    private double _center = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _center,
        1 => _center * (1 + (percent / 100)),
        _ => _center * (1 - (percent / 100)),
    };

    protected override void Update(in Bar bar, bool isNew) => _center = type switch
    {
        "sma" => _window.Update(bar.Close, isNew) ? _window.Sma() : double.NaN,
        "wma" => _window.Update(bar.Close, isNew) ? _window.Wma() : double.NaN,
        _ => _exp.Update(bar.Close, isNew),
    };
}
