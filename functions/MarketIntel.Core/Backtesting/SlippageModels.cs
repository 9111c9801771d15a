namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Built-in slippage. <see cref="Fraction"/>(s): a buy fills at price·(1+s), a sell (a long's exit or a short's entry)
/// at price·(1−s).
/// </summary>
public static class SlippageModels
{
    public static ISlippageModel None { get; } = Fraction(0);

    public static ISlippageModel Fraction(double fraction) =>
        fraction is >= 0 and < 1 ? new Proportional(fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "slippage is a fraction of the price, 0 <= s < 1");

    private sealed class Proportional(double fraction) : ISlippageModel
    {
        public double Apply(double price, bool buying) => buying ? price * (1 + fraction) : price * (1 - fraction);
    }
}
