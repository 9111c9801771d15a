using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="ConnorsRsi"/>; outputs connorsRsi, streak, rsi, rsiStreak, percentRank.</summary>
public sealed class ConnorsRsiStream(int rsiPeriod, int streakPeriod, int rankPeriod) : StreamingIndicator
{
    private readonly RsiStream _rsi = new(rsiPeriod);
    private readonly RsiStream _streakRsi = new(streakPeriod);
    private readonly RingWindow _roc = new(rankPeriod + 1);
    private Revisable<(int N, double Close, double Streak)> _s;
    private double _rsiValue = double.NaN;
    private double _streakValue = double.NaN;
    private double _rank = double.NaN;

    public override int WarmUpPeriod => Math.Max(rsiPeriod, Math.Max(streakPeriod + 2, rankPeriod)) + 1;

    public override double Output(int column) => column switch
    {
        0 => _s.Cur.N > WarmUpPeriod ? (_rsiValue + _streakValue + _rank) / 3 : double.NaN,
        1 => _s.Cur.Streak,
        2 => _rsiValue,
        3 => _streakValue,
        _ => _rank,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc, st) = _s.Cur;
        var c = bar.Close;
        var roc = double.NaN;
        if (n > 0)
        {
            st = c > pc ? (st >= 0 ? st + 1 : 1) : c < pc ? (st <= 0 ? st - 1 : -1) : 0;
            roc = 100 * (c - pc) / pc;
        }

        _s.Cur = (n + 1, c, st);
        _rsiValue = _rsi.UpdateValue(c, isNew);
        var sr = _streakRsi.UpdateValue(st, isNew);
        _streakValue = n >= streakPeriod + 2 ? sr : double.NaN;
        _roc.Update(roc, isNew);
        _rank = double.NaN;
        if (n >= rankPeriod)
        {
            var count = 0;
            for (var ago = rankPeriod; ago >= 1; ago--)
            {
                if (_roc[ago] < roc)
                {
                    count++;
                }
            }

            _rank = 100.0 * count / rankPeriod;
        }
    }
}
