using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Connors RSI: mean of RSI(close), RSI of the up/down streak length, and the percent rank of the 1-bar change among
/// the previous <c>rank</c> changes. The streak RSI shows from bar streak+2 and the composite once all parts are ready
/// (bar max(periods)+1), the reference's schedule.
/// </summary>
public static class ConnorsRsi
{
    public static readonly string[] Columns = ["streak", "rsi", "rsiStreak", "percentRank", "connorsRsi"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "connorsrsi",
        Title = "Connors RSI",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("rsiPeriod", 3), IndicatorParameter.Int("streakPeriod", 2), IndicatorParameter.Int("rankPeriod", 100, 2)],
        Outputs = ["connorsRsi", "streak", "rsi", "rsiStreak", "percentRank"],
        WarmUp = a => Math.Max(a.Int(0), Math.Max(a.Int(1) + 2, a.Int(2))) + 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new ConnorsRsiStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int rsiPeriod, int streakPeriod, int rankPeriod)
    {
        var n = close.Length;
        var streak = Out.New(n);
        var roc = Out.New(n);
        var st = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                st = close[i] > close[i - 1] ? (st >= 0 ? st + 1 : 1) : close[i] < close[i - 1] ? (st <= 0 ? st - 1 : -1) : 0;
                roc[i] = 100 * (close[i] - close[i - 1]) / close[i - 1];
            }

            streak[i] = st;
        }

        var rsi = Rsi.Compute(close, rsiPeriod);
        var rsiStreak = Rsi.Compute(streak, streakPeriod);
        rsiStreak.AsSpan(0, Math.Min(n, streakPeriod + 2)).Fill(double.NaN);
        var rank = Out.New(n);
        for (var i = rankPeriod; i < n; i++)
        {
            var count = 0;
            for (var j = i - rankPeriod; j < i; j++)
            {
                if (roc[j] < roc[i])
                {
                    count++;
                }
            }

            rank[i] = 100.0 * count / rankPeriod;
        }

        var crsi = Out.New(n);
        for (var i = Math.Max(rsiPeriod, Math.Max(streakPeriod + 2, rankPeriod)) + 1; i < n; i++)
        {
            crsi[i] = (rsi[i] + rsiStreak[i] + rank[i]) / 3;
        }

        return [streak, rsi, rsiStreak, rank, crsi];
    }
}
