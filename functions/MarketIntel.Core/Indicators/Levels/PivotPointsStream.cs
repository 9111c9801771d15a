using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Levels;

/// <summary>Streaming <see cref="PivotPoints"/>; outputs pP, s1..s4, r1..r4.</summary>
public sealed class PivotPointsStream(string window) : StreamingIndicator
{
    private readonly double[][] _levels = IndicatorOutput.NewColumns(9, 1);
    private Revisable<State> _s;

    public override int WarmUpPeriod => 1;

    public override double Output(int column) => _levels[column][0];

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var key = PivotPoints.Key(bar.OpenTime, window);
        if (s.N == 0)
        {
            s.Ph = s.Pl = s.Pc = double.NaN;
            s.High = double.MinValue;
            s.Low = double.MaxValue;
        }
        else if (key != s.Key)
        {
            (s.Ph, s.Pl, s.Pc) = (s.High, s.Low, s.Close);
            s.High = double.MinValue;
            s.Low = double.MaxValue;
        }

        s.N++;
        s.Key = key;
        s.High = Math.Max(s.High, bar.High);
        s.Low = Math.Min(s.Low, bar.Low);
        s.Close = bar.Close;
        foreach (var c in _levels)
        {
            c[0] = double.NaN;
        }

        if (!double.IsNaN(s.Pc))
        {
            PivotLevels.Standard(_levels, 0, s.Ph, s.Pl, s.Pc);
        }
    }

    private struct State
    {
        public int N;
        public long Key;
        public double High;
        public double Low;
        public double Close;
        public double Ph;
        public double Pl;
        public double Pc;
    }
}
