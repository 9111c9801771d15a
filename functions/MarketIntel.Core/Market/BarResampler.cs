namespace MarketIntel.Core.Market;

/// <summary>
/// Turns bars of one series into bars of a coarser timeframe. Given bars that were aggregated from ticks, the result
/// equals direct aggregation of those ticks into the coarser timeframe, bar for bar: open of the first, close of the
/// last, extreme high and low, and exact (decimal) sums of volume and trades.
/// </summary>
public sealed class BarResampler
{
    private readonly Timeframe _target;
    private readonly Action<Bar> _emit;
    private bool _hasCurrent;
    private long _currentStart;
    private Bar _current;
    private long _lastInput = long.MinValue;

    public BarResampler(Timeframe target, Action<Bar> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        _target = target;
        _emit = emit;
    }

    public Timeframe Target => _target;

    /// <summary>Adds the next bar of the series; bars must come in strictly increasing time order.</summary>
    public void Add(in Bar bar)
    {
        var t = bar.OpenTime.Ticks;
        if (t <= _lastInput)
        {
            throw new ArgumentException(
                $"Bars must be in strictly increasing time order: {bar.OpenTime:O} follows {new DateTime(_lastInput, DateTimeKind.Utc):O}.",
                nameof(bar));
        }

        _lastInput = t;
        var start = _target.BucketStart(t);
        if (_hasCurrent && start == _currentStart)
        {
            _current = Merge(_current, bar);
            return;
        }

        if (_hasCurrent)
        {
            _emit(_current);
        }

        _hasCurrent = true;
        _currentStart = start;
        _current = bar with { OpenTime = new DateTime(start, DateTimeKind.Utc) };
    }

    /// <summary>Emits the last, possibly partial, bar.</summary>
    public void Complete()
    {
        if (_hasCurrent)
        {
            _emit(_current);
            _hasCurrent = false;
        }
    }

    public static Bar Merge(in Bar earlier, in Bar later) => new(
        earlier.OpenTime,
        earlier.Open,
        Math.Max(earlier.High, later.High),
        Math.Min(earlier.Low, later.Low),
        later.Close,
        earlier.Volume + later.Volume,
        earlier.Trades + later.Trades);

    /// <summary>
    /// Resamples a whole series. When <paramref name="source"/> is given, every input bar must be aligned to it and the
    /// target must be a whole multiple of it, so that no input bar straddles two output bars.
    /// </summary>
    public static List<Bar> Resample(IReadOnlyList<Bar> bars, Timeframe target, Timeframe? source = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (source is { } src)
        {
            if (!target.IsMultipleOf(src))
            {
                throw new ArgumentException($"Cannot resample {src} bars to {target}: {target} bars are not whole unions of {src} bars.", nameof(target));
            }

            foreach (var bar in bars)
            {
                if (src.BucketStart(bar.OpenTime.Ticks) != bar.OpenTime.Ticks)
                {
                    throw new ArgumentException($"Bar at {bar.OpenTime:O} is not aligned to {src}.", nameof(bars));
                }
            }
        }

        var result = new List<Bar>();
        var resampler = new BarResampler(target, result.Add);
        foreach (var bar in bars)
        {
            resampler.Add(bar);
        }

        resampler.Complete();
        return result;
    }

    /// <summary>
    /// The interval of a series: the smallest gap between consecutive bars, provided every bar is aligned to it.
    /// Returns null for fewer than two bars or for a gap that is not a whole number of minutes.
    /// </summary>
    public static Timeframe? InferTimeframe(IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        long min = long.MaxValue;
        for (var i = 1; i < bars.Count; i++)
        {
            var gap = bars[i].OpenTime.Ticks - bars[i - 1].OpenTime.Ticks;
            if (gap > 0 && gap < min)
            {
                min = gap;
            }
        }

        if (min == long.MaxValue || min % Timeframe.TicksPerMinute != 0 || min / Timeframe.TicksPerMinute > int.MaxValue)
        {
            return null;
        }

        var minutes = (int)(min / Timeframe.TicksPerMinute);
        if (minutes > 52 * 10080)
        {
            return null;
        }

        var tf = new Timeframe(minutes);
        foreach (var bar in bars)
        {
            if (tf.BucketStart(bar.OpenTime.Ticks) != bar.OpenTime.Ticks)
            {
                // Daily bars of a session market land on a day grid; fall back to the largest standard grid they fit.
                return null;
            }
        }

        return tf;
    }
}
