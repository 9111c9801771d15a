using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// One symbol's bars as seen by compiled rules, with the per-symbol caches: indicator outputs by spec (so every rule
/// and every term that names <c>rsi(14)</c> computes it once per symbol) and resampled series by timeframe. Not
/// thread-safe: a scan gives each symbol its own instance.
/// </summary>
public sealed class ScanSeries
{
    private readonly Dictionary<string, IndicatorOutput> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (ScanSeries Series, int[] Visible)> _timeframes = [];
    private Timeframe? _timeframe;
    private bool _timeframeKnown;

    /// <param name="symbol">The symbol, carried into results.</param>
    /// <param name="bars">The bars, oldest first.</param>
    /// <param name="timeframe">The bar interval; inferred from the bars when a rule needs it and none is given.</param>
    public ScanSeries(string symbol, BarSeries bars, Timeframe? timeframe = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Symbol = symbol;
        Bars = bars;
        _timeframe = timeframe;
        _timeframeKnown = timeframe is not null;
    }

    public string Symbol { get; }

    public BarSeries Bars { get; }

    public int Count => Bars.Count;

    /// <summary>How many indicator evaluations this instance has cached (each spec once).</summary>
    public int CachedIndicatorCount => _indicators.Count;

    public Timeframe? Timeframe
    {
        get
        {
            if (!_timeframeKnown)
            {
                _timeframe = BarResampler.InferTimeframe(ToBars(Bars));
                _timeframeKnown = true;
            }

            return _timeframe;
        }
    }

    /// <summary>Drops cached indicator outputs and resampled series, so that a scan over thousands of symbols keeps only one symbol's columns alive per thread.</summary>
    public void ReleaseCaches()
    {
        _indicators.Clear();
        _timeframes.Clear();
    }

    public static ScanSeries From(string symbol, IReadOnlyList<Bar> bars, Timeframe? timeframe = null) => new(symbol, BarSeries.From(bars), timeframe);

    public double[] Field(PricePart part) => part switch
    {
        PricePart.Open => Bars.Open,
        PricePart.High => Bars.High,
        PricePart.Low => Bars.Low,
        PricePart.Close => Bars.Close,
        PricePart.Volume => Bars.Volume,
        _ => Bars.Select(part),
    };

    public double[] Indicator(IndicatorSpec spec, string output)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!_indicators.TryGetValue(spec.Text, out var result))
        {
            result = spec.Evaluate(Bars);
            _indicators.Add(spec.Text, result);
        }

        var column = result[output];
        if (result.RowCount != Count)
        {
            throw new ArgumentException($"{spec.Definition.Name} builds its own rows (not one per bar) and cannot be used in a rule");
        }

        return column.Values;
    }

    /// <summary>
    /// This symbol on a coarser timeframe and, for each of this series' bars, the last coarse bar that had closed by
    /// the time that bar closed (-1 for none). A coarse bar [T, T + D) is visible from a bar [t, t + d) when T + D &lt;= t + d,
    /// so a daily value reaches intraday bars only once the day is over, and a trailing partial coarse bar never does.
    /// </summary>
    public (ScanSeries Series, int[] Visible) On(Timeframe target)
    {
        if (_timeframes.TryGetValue(target.Minutes, out var cached))
        {
            return cached;
        }

        var own = Timeframe ?? throw new ArgumentException($"{Symbol}: cannot tell the bar interval of this series, so '@{target}' cannot be aligned; give the scan's timeframe");
        if (target.CompareTo(own) < 0 || !target.IsMultipleOf(own))
        {
            throw new ArgumentException($"{Symbol}: '@{target}' cannot be built from {own} bars (it must be a whole multiple of {own})");
        }

        var coarseBars = BarResampler.Resample(ToBars(Bars), target);
        var coarse = ScanSeries.From(Symbol, coarseBars, target);
        var visible = new int[Count];
        var k = -1;
        for (var i = 0; i < Count; i++)
        {
            var closes = Bars.Time[i].Ticks + own.Ticks;
            while (k + 1 < coarseBars.Count && coarseBars[k + 1].OpenTime.Ticks + target.Ticks <= closes)
            {
                k++;
            }

            visible[i] = k;
        }

        cached = (coarse, visible);
        _timeframes.Add(target.Minutes, cached);
        return cached;
    }

    /// <summary>This symbol resampled to <paramref name="target"/>, keeping only the coarse bars that have closed (a trailing partial bar is dropped).</summary>
    public ScanSeries Resampled(Timeframe target)
    {
        if (Timeframe is { } own && own.Equals(target))
        {
            return this;
        }

        var (coarse, visible) = On(target);
        var closed = Count == 0 ? 0 : visible[^1] + 1;
        if (closed == coarse.Count)
        {
            return coarse;
        }

        var bars = ToBars(coarse.Bars);
        return From(Symbol, bars.GetRange(0, closed), target);
    }

    private static List<Bar> ToBars(BarSeries s)
    {
        var bars = new List<Bar>(s.Count);
        for (var i = 0; i < s.Count; i++)
        {
            bars.Add(new Bar(s.Time[i], s.Open[i], s.High[i], s.Low[i], s.Close[i], (decimal)s.Volume[i]));
        }

        return bars;
    }
}
