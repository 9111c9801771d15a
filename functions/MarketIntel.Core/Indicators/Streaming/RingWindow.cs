namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// The last <c>capacity</c> values of a series. A new bar pushes (dropping the oldest), a revision replaces the
/// newest. Sums run oldest to newest, the order the batch kernels use, so results are bit-identical. Every value is
/// also written one capacity further on, so the newest k values are always one contiguous span (<see cref="Last"/>).
/// </summary>
internal sealed class RingWindow(int capacity)
{
    private readonly int _capacity = capacity;
    private readonly double[] _mirror = Filled(2 * capacity);
    private int _head = -1;

    public int Count { get; private set; }

    public int Capacity => _capacity;

    /// <summary>The value <paramref name="ago"/> bars back (0 = newest).</summary>
    public double this[int ago] => _mirror[_head + _capacity - ago];

    public void Update(double value, bool isNew)
    {
        if (isNew || Count == 0)
        {
            _head = _head + 1 == _capacity ? 0 : _head + 1;
            if (Count < _capacity)
            {
                Count++;
            }
        }

        _mirror[_head] = value;
        _mirror[_head + _capacity] = value;
    }

    /// <summary>The newest <paramref name="k"/> values, oldest first.</summary>
    public ReadOnlySpan<double> Last(int k) => _mirror.AsSpan(_head + _capacity - k + 1, k);

    private static double[] Filled(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
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
