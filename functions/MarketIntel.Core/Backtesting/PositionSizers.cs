namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Built-in sizers: <see cref="Fixed"/> a constant quantity; <see cref="PercentOfEquity"/> whole units worth a fraction
/// of the equity at the signal close (rounded down).
/// </summary>
public static class PositionSizers
{
    public static IPositionSizer Fixed(double quantity) =>
        quantity > 0 && double.IsFinite(quantity) ? new Sizer(_ => quantity) : throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "a positive quantity");

    public static IPositionSizer PercentOfEquity(double fraction) =>
        fraction > 0 && fraction <= 10 ? new Sizer(c => Math.Floor(c.Equity * fraction / c.SignalClose)) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a fraction of equity in (0, 10]");

    private sealed class Sizer(Func<SizingContext, double> quantity) : IPositionSizer
    {
        public double Quantity(in SizingContext context) => quantity(context);
    }
}
