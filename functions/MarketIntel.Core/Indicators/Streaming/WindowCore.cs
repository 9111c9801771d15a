namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>Streaming simple and weighted moving averages over a window, skipping leading NaN inputs like the batch kernels.</summary>
internal sealed class WindowCore(int period)
{
    private readonly RingWindow _ring = new(period);
    private Revisable<int> _n;

    public RingWindow Ring => _ring;

    public bool IsFull => _n.Cur >= period;

    /// <summary>Adds or revises the newest value; false while the window has not started or is not full.</summary>
    public bool Update(double x, bool isNew)
    {
        _n.Begin(isNew);
        if (_n.Cur == 0 && double.IsNaN(x))
        {
            return false;
        }

        _n.Cur++;
        _ring.Update(x, isNew);
        return _n.Cur >= period;
    }

    public double Sma() => IsFull ? _ring.Sum(period) / period : double.NaN;

    public double Wma()
    {
        if (!IsFull)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var j = 0; j < period; j++)
        {
            sum += _ring[period - 1 - j] * (j + 1);
        }

        return sum / (period * (period + 1) / 2.0);
    }
}
