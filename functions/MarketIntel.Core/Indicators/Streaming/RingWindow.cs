namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// The last <c>capacity</c> values of a series. A new bar pushes (dropping the oldest), a revision replaces the
/// newest. Sums run oldest to newest, the order the batch kernels use, so results are bit-identical.
/// </summary>
internal sealed class RingWindow(int capacity)
{
    private readonly double[] _buffer = Filled(capacity);
    private int _head = -1;

    public int Count { get; private set; }

    public int Capacity => _buffer.Length;

    /// <summary>The value <paramref name="ago"/> bars back (0 = newest).</summary>
    public double this[int ago]
    {
        get
        {
            var i = _head - ago;
            return _buffer[i < 0 ? i + _buffer.Length : i];
        }
    }

    public void Update(double value, bool isNew)
    {
        if (isNew || Count == 0)
        {
            _head = _head + 1 == _buffer.Length ? 0 : _head + 1;
            if (Count < _buffer.Length)
            {
                Count++;
            }
        }

        _buffer[_head] = value;
    }

    private static double[] Filled(int capacity)
    {
        var b = new double[capacity];
        b.AsSpan().Fill(double.NaN);
        return b;
    }

    public double Sum(int k)
    {
        var s = 0.0;
        for (var ago = k - 1; ago >= 0; ago--)
        {
            s += this[ago];
        }

        return s;
    }

    public double Max(int k)
    {
        var m = double.MinValue;
        for (var ago = k - 1; ago >= 0; ago--)
        {
            m = Math.Max(m, this[ago]);
        }

        return m;
    }

    public double Min(int k)
    {
        var m = double.MaxValue;
        for (var ago = k - 1; ago >= 0; ago--)
        {
            m = Math.Min(m, this[ago]);
        }

        return m;
    }
}
