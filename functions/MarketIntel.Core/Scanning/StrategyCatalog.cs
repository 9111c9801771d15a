using System.Globalization;
using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// The built-in strategies, each a pair of rules over named parameters (all long-only):
/// <list type="bullet">
/// <item><c>sma-cross</c> (fast 10, slow 30): enter when sma(fast) crosses above sma(slow), exit on the cross below.</item>
/// <item><c>ema-cross</c> (fast 12, slow 26): the same with EMAs.</item>
/// <item><c>supertrend-flip</c> (period 10, multiplier 3): enter when the close crosses above the SuperTrend line (the trend flips up), exit when it crosses below.</item>
/// <item><c>donchian-breakout</c> (entry 20, exit 10): enter on a close above the highest high of the entry bars before (the catalog's channel excludes the current bar), exit on a close below the lowest low of the exit bars before.</item>
/// <item><c>rsi-reversion</c> (period 14, oversold 30, exit 50): enter when RSI is below oversold, exit when it rises above exit.</item>
/// <item><c>bb-squeeze</c> (period 20, deviations 2, lookback 120): enter on a close above the upper band within 5 bars of the band width's lookback low (within 10%), exit on a close below the middle band.</item>
/// <item><c>volume-surge</c> (period 20, surge 2, momentum 10): enter on an up bar with volume above surge times the prior average and a positive momentum-bar ROC, exit when the close crosses below ema(period).</item>
/// </list>
/// </summary>
public static class StrategyCatalog
{
    private static readonly Entry[] Entries =
    [
        new("sma-cross", "SMA crossover", [("fast", 10), ("slow", 30)], p => ($"sma({p["fast"]}) crosses_above sma({p["slow"]})", $"sma({p["fast"]}) crosses_below sma({p["slow"]})")),
        new("ema-cross", "EMA crossover", [("fast", 12), ("slow", 26)], p => ($"ema({p["fast"]}) crosses_above ema({p["slow"]})", $"ema({p["fast"]}) crosses_below ema({p["slow"]})")),
        new("supertrend-flip", "SuperTrend flip", [("period", 10), ("multiplier", 3)], p => ($"close crosses_above supertrend({p["period"]},{p["multiplier"]})", $"close crosses_below supertrend({p["period"]},{p["multiplier"]})")),
        new("donchian-breakout", "Donchian channel breakout", [("entry", 20), ("exit", 10)], p => ($"close > donchian({p["entry"]}).upper", $"close < donchian({p["exit"]}).lower")),
        new("rsi-reversion", "RSI mean reversion", [("period", 14), ("oversold", 30), ("exit", 50)], p => ($"rsi({p["period"]}) < {p["oversold"]}", $"rsi({p["period"]}) > {p["exit"]}")),
        new("bb-squeeze", "Bollinger squeeze breakout", [("period", 20), ("deviations", 2), ("lookback", 120)], p =>
        {
            var bb = $"bb({p["period"]},{p["deviations"]})";
            return ($"close > {bb}.upper and lowest({bb}.width, 5)[1] <= 1.1 * lowest({bb}.width, {p["lookback"]})[1]", $"close < {bb}.middle");
        }),
        new("volume-surge", "Volume-surge momentum", [("period", 20), ("surge", 2), ("momentum", 10)], p =>
            ($"close > open and volume > {p["surge"]} * avg(volume, {p["period"]})[1] and roc({p["momentum"]}) > 0", $"close crosses_below ema({p["period"]})")),
    ];

    public static IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Name, title and parameters with defaults, for listings.</summary>
    public static IEnumerable<(string Name, string Title, IReadOnlyList<(string Name, double Default)> Parameters)> Describe() =>
        Entries.Select(e => (e.Name, e.Title, (IReadOnlyList<(string, double)>)e.Parameters));

    /// <summary>
    /// Creates a strategy; <paramref name="parameters"/> override defaults by name. An unknown strategy or parameter,
    /// or a value that the rules reject, is a <see cref="StrategyException"/> naming the field and saying what is valid.
    /// </summary>
    public static ITradingStrategy Create(string name, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var entry = Entries.FirstOrDefault(e => string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new StrategyException("strategy", $"unknown strategy '{name}'; built-in strategies: {string.Join(", ", Names)}");
        var values = entry.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in parameters ?? new Dictionary<string, double>())
        {
            if (!values.ContainsKey(key))
            {
                throw new StrategyException("parameters", $"{entry.Name} has no parameter '{key}'; parameters: {string.Join(", ", entry.Parameters.Select(p => $"{p.Name} (default {p.Default.ToString(CultureInfo.InvariantCulture)})"))}");
            }

            values[key] = value;
        }

        var text = values.ToDictionary(kv => kv.Key, kv => kv.Value.ToString("R", CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        var (enter, exit) = entry.Rules(text);
        try
        {
            return new RuleStrategy(entry.Name, TradeSide.Long, enter, exit);
        }
        catch (ScanSyntaxException ex)
        {
            throw new StrategyException("parameters", $"{entry.Name}: the parameters give an invalid rule ({ex.Problem}): {enter}", ex);
        }
    }

    private sealed record Entry(string Name, string Title, (string Name, double Default)[] Parameters, Func<IReadOnlyDictionary<string, string>, (string Enter, string Exit)> Rules);
}
