namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Built-in commissions, each charged on every fill, entries and exits alike (a round trip pays twice):
/// <see cref="PerFill"/> a fixed amount of currency, <see cref="PerUnit"/> an amount per share or unit with a minimum,
/// <see cref="Percent"/> a fraction of the filled notional.
/// </summary>
public static class CommissionModels
{
    public static ICommissionModel None { get; } = PerFill(0);

    public static ICommissionModel PerFill(double amount)
    {
        RequireNonNegative(amount);
        return new Model((_, _) => amount);
    }

    public static ICommissionModel PerUnit(double perUnit, double minimum = 0)
    {
        RequireNonNegative(perUnit);
        RequireNonNegative(minimum);
        return new Model((q, _) => Math.Max(minimum, Math.Abs(q) * perUnit));
    }

    public static ICommissionModel Percent(double fraction)
    {
        RequireNonNegative(fraction);
        return new Model((q, p) => Math.Abs(q) * p * fraction);
    }

    private static void RequireNonNegative(double v)
    {
        if (!(v >= 0 && double.IsFinite(v)))
        {
            throw new ArgumentOutOfRangeException(nameof(v), v, "a commission is a finite amount >= 0");
        }
    }

    private sealed class Model(Func<double, double, double> compute) : ICommissionModel
    {
        public double Commission(double quantity, double price) => compute(quantity, price);
    }
}
