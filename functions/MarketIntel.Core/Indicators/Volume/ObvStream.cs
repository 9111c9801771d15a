using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Obv"/>.</summary>
public sealed class ObvStream : StreamingIndicator
{
    private Revisable<(int N, double Close, double Obv)> _s;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => _s.Cur.N > 0 ? _s.Cur.Obv : double.NaN;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc, obv) = _s.Cur;
        var v = (double)bar.Volume;
        if (n > 0)
        {
            obv += bar.Close > pc ? v : bar.Close < pc ? -v : 0;
        }

        _s.Cur = (n + 1, bar.Close, obv);
    }
}
