namespace MarketIntel.Core.Risk;

/// <summary>
/// An order-independent sum of doubles: every value is rounded once to a multiple of 2^-56 and added as a 128-bit
/// integer, so any grouping and order of the same values gives the same bits (floating-point addition would not).
/// Values must be finite with magnitude below 2^40; the sum of 2^30 of them still fits. Stored as two 64-bit halves so
/// it serializes as plain numbers.
/// </summary>
public readonly record struct FixedPointSum(long High, ulong Low)
{
    private const double Scale = 72057594037927936.0; // 2^56
    private const double Limit = 1099511627776.0; // 2^40

    public Int128 Value => new((ulong)High, Low);

    public FixedPointSum Add(double value)
    {
        if (!(Math.Abs(value) < Limit))
        {
            throw new OverflowException($"{value} cannot be accumulated exactly (finite values below 2^40 only)");
        }

        return From(checked(Value + (Int128)Math.Round(value * Scale, MidpointRounding.ToEven)));
    }

    public FixedPointSum Add(FixedPointSum other) => From(checked(Value + other.Value));

    public double ToDouble() => (double)Value / Scale;

    private static FixedPointSum From(Int128 value) => new((long)(ulong)(value >> 64), (ulong)value);
}
