using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="ParabolicSar"/>; outputs sar, isReversal (empty through the first reversal, like the batch).</summary>
public sealed class ParabolicSarStream(double step, double maxFactor) : StreamingIndicator
{
    private Revisable<State> _s;

    public override int WarmUpPeriod => 2;

    public override double Output(int column)
    {
        ref readonly var s = ref _s.Cur;
        if (s.Reversals == 0 || (s.Reversals == 1 && s.Reversal))
        {
            return double.NaN;
        }

        return column == 0 ? s.Sar : s.Reversal ? 1 : 0;
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        if (i == 0)
        {
            s.Af = step;
            s.Ep = bar.High;
            s.Prior = bar.Low;
            s.Rising = true;
        }
        else
        {
            double sar;
            if (s.Rising)
            {
                sar = s.Prior + (s.Af * (s.Ep - s.Prior));
                sar = Math.Min(sar, i >= 2 ? Math.Min(s.Low1, s.Low2) : s.Low1);
                s.Reversal = bar.Low < sar;
                if (s.Reversal)
                {
                    sar = s.Ep;
                    s.Rising = false;
                    s.Af = step;
                    s.Ep = bar.Low;
                }
                else if (bar.High > s.Ep)
                {
                    s.Ep = bar.High;
                    s.Af = Math.Min(s.Af + step, maxFactor);
                }
            }
            else
            {
                sar = s.Prior - (s.Af * (s.Prior - s.Ep));
                sar = Math.Max(sar, i >= 2 ? Math.Max(s.High1, s.High2) : s.High1);
                s.Reversal = bar.High > sar;
                if (s.Reversal)
                {
                    sar = s.Ep;
                    s.Rising = true;
                    s.Af = step;
                    s.Ep = bar.High;
                }
                else if (bar.Low < s.Ep)
                {
                    s.Ep = bar.Low;
                    s.Af = Math.Min(s.Af + step, maxFactor);
                }
            }

            s.Prior = sar;
            s.Sar = sar;
            s.Reversals += s.Reversal ? 1 : 0;
        }

        s.High2 = s.High1;
        s.Low2 = s.Low1;
        s.High1 = bar.High;
        s.Low1 = bar.Low;
    }

    private struct State
    {
        public int N;
        public int Reversals;
        public bool Reversal;
        public bool Rising;
        public double Af;
        public double Ep;
        public double Prior;
        public double Sar;
        public double High1;
        public double High2;
        public double Low1;
        public double Low2;
    }
}
