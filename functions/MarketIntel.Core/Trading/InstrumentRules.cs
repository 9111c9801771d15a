namespace MarketIntel.Core.Trading;

/// <summary>
/// What quantities an instrument trades in: whole units only, or fractions down to <see cref="QuantityStep"/> (a step
/// of 0 accepts any positive quantity, as the replay CLI does).
/// </summary>
public sealed record InstrumentRules(bool Fractional = false, double QuantityStep = 1e-6)
{
    public static InstrumentRules WholeUnits { get; } = new();

    public static InstrumentRules FractionalUnits { get; } = new(true);

    public bool IsValidQuantity(double quantity)
    {
        if (!(quantity > 0 && double.IsFinite(quantity)))
        {
            return false;
        }

        if (!Fractional)
        {
            return quantity == Math.Floor(quantity);
        }

        if (QuantityStep <= 0)
        {
            return true;
        }

        // A multiple of the step, allowing the last-bit error of decimal text parsed into a double.
        var steps = quantity / QuantityStep;
        return Math.Abs(steps - Math.Round(steps)) <= 1e-9 * Math.Max(1, steps);
    }

    /// <summary>The largest tradable quantity not above <paramref name="quantity"/>.</summary>
    public double RoundDown(double quantity) =>
        quantity <= 0 || !double.IsFinite(quantity) ? 0 : Fractional && QuantityStep <= 0 ? quantity : Fractional ? Math.Floor((quantity / QuantityStep) + 1e-9) * QuantityStep : Math.Floor(quantity);
}
