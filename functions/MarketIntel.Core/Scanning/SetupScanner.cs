using System.Globalization;
using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Runs a <see cref="ScanDefinition"/>: filters the universe, resamples to the definition's timeframe (closed bars
/// only), evaluates entry rule and filters on every bar, turns each signal into a <see cref="TradeSetup"/> with its
/// score and outcome, and ranks. Symbols run in parallel and the result does not depend on the degree.
/// <para>Ranking: score descending, then symbol (ordinal), then time ascending, so that equal scores always come out
/// in the same order.</para>
/// </summary>
public static class SetupScanner
{
    public static ScanReport Run(ScanDefinition definition, IReadOnlyList<ScanSeries> symbols, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(symbols);
        definition.Validate();
        var wanted = definition.Universe.Count == 0 ? null : new HashSet<string>(definition.Universe, StringComparer.Ordinal);
        var universe = symbols.Where(s => wanted is null || wanted.Contains(s.Symbol)).OrderBy(s => s.Symbol, StringComparer.Ordinal).ToArray();
        var missing = wanted is null ? [] : definition.Universe.Where(u => !symbols.Any(s => s.Symbol == u)).Order(StringComparer.Ordinal).ToArray();

        var entry = ScanDefinition.Compile("entry", definition.Entry, condition: true).Expression;
        var rule = ScanProgram.Compile(WithFilters(entry, definition.Filters));
        var stop = ScanDefinition.Compile("setup.stop", definition.Setup.Stop, condition: false);
        var scorer = new SetupScorer(entry, definition.Setup.Side, definition.Weights);
        var timeframe = definition.ParsedTimeframe;
        var perSymbol = Scanner.Map(universe, maxDegreeOfParallelism, s =>
        {
            var result = Setups(definition, timeframe is { } tf ? s.Resampled(tf) : s, rule, stop, scorer);
            s.ReleaseCaches();
            return result;
        });

        var history = perSymbol.SelectMany(r => r.Setups).ToList();
        history.Sort((a, b) =>
        {
            var c = a.Time.CompareTo(b.Time);
            return c != 0 ? c : string.CompareOrdinal(a.Symbol, b.Symbol);
        });
        var current = perSymbol.SelectMany(r => r.Setups.Where(x => x.BarIndex == r.LastBar)).ToList();
        current.Sort(CompareRank);
        return new ScanReport(definition, current, history, ScanStatistics.From(history), perSymbol.Sum(r => r.InvalidStops), missing);
    }

    /// <summary>The ranking order: higher score first, then symbol (ordinal), then earlier time.</summary>
    public static int CompareRank(TradeSetup? a, TradeSetup? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : 1) : -1;
        }

        var c = b.Score.CompareTo(a.Score);
        c = c != 0 ? c : string.CompareOrdinal(a.Symbol, b.Symbol);
        return c != 0 ? c : a.Time.CompareTo(b.Time);
    }

    public static List<TradeSetup> Rank(IEnumerable<TradeSetup> setups)
    {
        var list = setups.ToList();
        list.Sort(CompareRank);
        return list;
    }

    private static ScanExpr WithFilters(ScanExpr entry, ScanFilters f)
    {
        var rule = entry;
        if (f.MinPrice is { } price)
        {
            rule = new ScanExpr.Binary(entry.Column, ScanOperator.And, rule, ScanParser.ParseCondition(Say($"close >= {price:R}")));
        }

        if (f.MinAverageDollarVolume is { } dollars)
        {
            rule = new ScanExpr.Binary(entry.Column, ScanOperator.And, rule, ScanParser.ParseCondition(Say($"avg(close * volume, {f.AverageDollarVolumeBars}) >= {dollars:R}")));
        }

        return rule;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static (List<TradeSetup> Setups, int InvalidStops, int LastBar) Setups(ScanDefinition d, ScanSeries s, ScanProgram rule, ScanProgram stopRule, SetupScorer scorer)
    {
        var setups = new List<TradeSetup>();
        var invalid = 0;
        if (s.Count == 0)
        {
            return (setups, 0, -1);
        }

        var truth = rule.Evaluate(s);
        var stops = stopRule.Evaluate(s);
        var score = scorer.For(s);
        var t = d.Setup;
        var sign = t.Side == TradeSide.Long ? 1.0 : -1.0;
        var busyUntil = -1;
        for (var i = 0; i < s.Count; i++)
        {
            if (!ScanProgram.IsTrue(truth[i]))
            {
                continue;
            }

            var entry = s.Bars.Close[i];
            var stop = stops[i];
            var risk = sign * (entry - stop);
            if (!(risk > 0))
            {
                invalid++;
                continue;
            }

            var target = entry + (sign * t.TargetR * risk);
            var outcome = OutcomeTracker.Track(s.Bars, i, t.Side, entry, stop, target, t.Horizon);
            var overlapping = i < busyUntil;
            if (!overlapping)
            {
                busyUntil = outcome.Complete ? i + outcome.ExitBars : int.MaxValue;
            }

            var (value, components) = score(i);
            setups.Add(new TradeSetup(d.Name, s.Symbol, s.Bars.Time[i], i, t.Side, entry, stop, target, risk, value, components, outcome, overlapping));
        }

        return (setups, invalid, s.Count - 1);
    }
}
