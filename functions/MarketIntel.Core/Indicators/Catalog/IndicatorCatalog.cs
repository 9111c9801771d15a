using MarketIntel.Core.Indicators.Levels;
using MarketIntel.Core.Indicators.Momentum;
using MarketIntel.Core.Indicators.Patterns;
using MarketIntel.Core.Indicators.Statistics;
using MarketIntel.Core.Indicators.Transforms;
using MarketIntel.Core.Indicators.Trend;
using MarketIntel.Core.Indicators.Volatility;
using MarketIntel.Core.Indicators.Volume;

namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>
/// Every indicator, looked up by spec string: <c>name[_param...]</c> with parameters in catalog order (missing
/// trailing parameters take their defaults, so a bare name means all defaults). Multi-series specs may end with
/// <c>_compare_vs_&lt;market&gt;</c>, which names the second series and is not a parameter.
/// </summary>
public static class IndicatorCatalog
{
    private static readonly IndicatorDefinition[] Definitions =
    [
        Sma.Definition, Ema.Definition, Wma.Definition, Smma.Definition, Dema.Definition, Tema.Definition, Hma.Definition,
        Rsi.Definition, Macd.Definition, BollingerBands.Definition, Tr.Definition, Atr.Definition, Stoch.Definition, StochRsi.Definition,
        Adx.Definition, Obv.Definition, Vwap.Definition,
        SuperTrend.Definition, Donchian.Definition, Keltner.Definition, ParabolicSar.Definition, WilliamsR.Definition, Roc.Definition,
        Mfi.Definition, Cmf.Definition, Adl.Definition, Aroon.Definition, Ichimoku.Definition, Trix.Definition, Tsi.Definition, Kama.Definition, T3.Definition,
        Chandelier.Definition, VolatilityStop.Definition, AtrStop.Definition, ChaikinOsc.Definition, Kvo.Definition, Pmo.Definition, Pvo.Definition,
        Vortex.Definition, Ultimate.Definition, Cmo.Definition, Fisher.Definition, Ulcer.Definition, Cci.Definition, StdDev.Definition, Stc.Definition,
        ConnorsRsi.Definition, Alligator.Definition, Gator.Definition, Alma.Definition, Awesome.Definition, Bop.Definition, Chop.Definition, Dpo.Definition,
        Dynamic.Definition, ElderRay.Definition, Slope.Definition, Epma.Definition, Fractal.Definition, Fcb.Definition, ForceIndex.Definition,
        HeikinAshi.Definition, MaEnvelopes.Definition, Smi.Definition, Starc.Definition, SmaAnalysis.Definition, RocWb.Definition, Vwma.Definition,
        BarPart.Definition, StdDevChannels.Definition, Beta.Definition, Correlation.Definition, Prs.Definition,
        Doji.Definition, Marubozu.Definition, Pivots.Definition, PivotPoints.Definition, RollingPivots.Definition, Renko.Definition, RenkoAtr.Definition,
        ZigZag.Definition, Mama.Definition, HtTrendline.Definition, Hurst.Definition,
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByName = CreateIndex();

    // Three ordinary daily bars for CheckTogether's trial run.
    private static readonly BarSeries TrialSeries = BarSeries.From(
    [
        new Market.Bar(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 10, 11, 9, 10.5, 100),
        new Market.Bar(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), 10.5, 12, 10, 11, 120),
        new Market.Bar(new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc), 11, 11.5, 9.5, 10, 90),
    ]);

    public static IReadOnlyList<IndicatorDefinition> All => Definitions;

    public static bool TryFind(string name, out IndicatorDefinition definition) =>
        ByName.TryGetValue(name.Trim().ToLowerInvariant(), out definition!);

    /// <summary>Parses a spec; an unknown name or a bad parameter throws <see cref="ArgumentException"/> saying what is valid.</summary>
    public static IndicatorSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tokens = spec.Trim().ToLowerInvariant().Split('_');
        if (!ByName.TryGetValue(tokens[0], out var definition))
        {
            throw new ArgumentException($"unknown indicator '{tokens[0]}' in spec '{spec}'; valid names: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}", nameof(spec));
        }

        var count = tokens.Length - 1;
        if (definition.RequiresMarket && count >= 3 && tokens[^3] == "compare" && tokens[^2] == "vs")
        {
            count -= 3;
        }

        var ps = definition.Parameters;
        if (count > ps.Count)
        {
            throw new ArgumentException($"spec '{spec}': {definition.Name} takes at most {ps.Count} parameter(s): {definition.Pattern}", nameof(spec));
        }

        var values = new double[ps.Count];
        for (var p = 0; p < ps.Count; p++)
        {
            values[p] = p < count ? ps[p].Parse(tokens[p + 1]) : ps[p].Default;
        }

        var arguments = new IndicatorArguments(ps, values);
        CheckTogether(definition, arguments, $"spec '{spec}': ");
        return new IndicatorSpec(spec.Trim(), definition, arguments);
    }

    /// <summary>Arguments of a definition from raw values (choices as indexes), validated.</summary>
    public static IndicatorArguments Arguments(IndicatorDefinition definition, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ps = definition.Parameters;
        if (values.Length != ps.Count)
        {
            throw new ArgumentException($"{definition.Name} takes {ps.Count} parameter(s)", nameof(values));
        }

        for (var p = 0; p < ps.Count; p++)
        {
            ps[p].Validate(values[p]);
        }

        var arguments = new IndicatorArguments(ps, values);
        CheckTogether(definition, arguments, string.Empty);
        return arguments;
    }

    /// <summary>
    /// Checks the rules that tie parameters together (MACD's fast below its slow, ...), which each computation enforces
    /// and each parameter alone cannot: a trial run on a few bars, so that a spec or scan rule breaking them is refused
    /// when it is read, not when it runs over a watchlist (found by fuzzing: <c>macd(112, 26, 9)</c> parsed, then threw).
    /// </summary>
    private static void CheckTogether(IndicatorDefinition definition, IndicatorArguments arguments, string prefix)
    {
        try
        {
            definition.Evaluate(arguments, TrialSeries, definition.RequiresMarket ? TrialSeries : null);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{prefix}{definition.Name}: {ex.Message}; see {definition.Pattern}", ex.ParamName, ex);
        }
    }

    public static IndicatorOutput Evaluate(string spec, BarSeries series, BarSeries? market = null) => Parse(spec).Evaluate(series, market);

    private static Dictionary<string, IndicatorDefinition> CreateIndex()
    {
        var index = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        foreach (var d in Definitions)
        {
            index.Add(d.Name, d);
        }

        return index;
    }
}
