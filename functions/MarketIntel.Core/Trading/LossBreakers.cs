namespace MarketIntel.Core.Trading;

/// <summary>
/// The account's loss breakers, fed the marked equity after every bar. The daily loss is measured from the equity at
/// the start of the UTC day (the last equity seen before the day's first observation), so realized and unrealized
/// losses both count; the drawdown from the highest equity seen, open positions marked. A tripped breaker latches
/// until <see cref="Reset"/> (a person's decision), even if equity recovers or a new day starts.
/// </summary>
public sealed class LossBreakers(double? dailyLossLimit, double? maxDrawdown, double startingEquity)
{
    private DateTime _day = DateTime.MinValue;
    private double _lastEquity = startingEquity;

    public double DayStartEquity { get; private set; } = startingEquity;

    public double HighWaterMark { get; private set; } = startingEquity;

    /// <summary>The breaker that tripped (<c>daily_loss</c> or <c>max_drawdown</c>), or null while none has.</summary>
    public string? Tripped { get; private set; }

    public DateTime? TrippedAt { get; private set; }

    /// <summary>Feeds one equity observation; returns true when this observation trips a breaker.</summary>
    public bool Observe(DateTime time, double equity)
    {
        if (time.Date != _day)
        {
            _day = time.Date;
            DayStartEquity = _lastEquity;
        }

        _lastEquity = equity;
        HighWaterMark = Math.Max(HighWaterMark, equity);
        if (Tripped is not null)
        {
            return false;
        }

        if (dailyLossLimit is { } limit && DayStartEquity - equity >= limit)
        {
            Tripped = "daily_loss";
        }
        else if (maxDrawdown is { } dd && HighWaterMark > 0 && (HighWaterMark - equity) / HighWaterMark >= dd)
        {
            Tripped = "max_drawdown";
        }

        TrippedAt = Tripped is null ? null : time;
        return Tripped is not null;
    }

    /// <summary>Clears a tripped breaker; the high-water mark restarts from the current equity so an old peak does not trip it again at once.</summary>
    public void Reset()
    {
        Tripped = null;
        TrippedAt = null;
        HighWaterMark = _lastEquity;
        DayStartEquity = _lastEquity;
    }
}
