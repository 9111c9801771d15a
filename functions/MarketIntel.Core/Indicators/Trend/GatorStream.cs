using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Gator"/>; outputs upper, lower, upperIsExpanding, lowerIsExpanding.</summary>
public sealed class GatorStream(int jawPeriod, int jawOffset, int teethPeriod, int teethOffset, int lipsPeriod, int lipsOffset) : StreamingIndicator
{
    private readonly AlligatorStream _alligator = new(jawPeriod, jawOffset, teethPeriod, teethOffset, lipsPeriod, lipsOffset);
    private Revisable<(double Upper, double Lower)> _s;
    private double _upperExpanding = double.NaN;
    private double _lowerExpanding = double.NaN;

    public override int WarmUpPeriod => jawPeriod + jawOffset - 1;

    public override double Output(int column) => column switch
    {
        0 => _s.Cur.Upper,
        1 => _s.Cur.Lower,
        2 => _upperExpanding,
        _ => _lowerExpanding,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        if (isNew)
        {
            _alligator.Add(bar);
        }
        else
        {
            _alligator.Revise(bar);
        }

        _s.Begin(isNew);
        var (pu, pl) = Count > 1 ? _s.Cur : (double.NaN, double.NaN);
        var upper = Math.Abs(_alligator.Output(0) - _alligator.Output(1));
        var lower = -Math.Abs(_alligator.Output(1) - _alligator.Output(2));
        _upperExpanding = !double.IsNaN(pu) && !double.IsNaN(upper) ? (upper > pu ? 1 : 0) : double.NaN;
        _lowerExpanding = !double.IsNaN(pl) && !double.IsNaN(lower) ? (-lower > -pl ? 1 : 0) : double.NaN;
        _s.Cur = (upper, lower);
    }
}
