using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// The built-in fill models. <c>next-open</c>: the next bar's open. <c>next-close</c>: the next bar's close.
/// <c>limit:F</c>: an entry limit F (a fraction) better than the signal close (buy at close·(1−F), short at close·(1+F)),
/// filled when the next bar's range reaches it, at the limit or at the open if the open is already better; otherwise
/// cancelled. <c>stop:F</c>: an entry stop F beyond the signal close (buy at close·(1+F), short at close·(1−F)),
/// filled when the range reaches it, at the stop or at the open if the bar gaps through it. Limit and stop models exit
/// at the next open. Open, limit and stop fills are the shared <see cref="BarFillModel"/>'s, so a limit entry pays no
/// slippage (as in paper trading) while market and stop fills do.
/// </summary>
public static class FillModels
{
    public static IFillModel NextOpen { get; } = new Market(nameof(NextOpen), false);

    public static IFillModel NextClose { get; } = new Market(nameof(NextClose), true);

    public static IFillModel Limit(double offset) => new Resting(true, RequireOffset(offset));

    public static IFillModel Stop(double offset) => new Resting(false, RequireOffset(offset));

    /// <summary>Reads <c>next-open</c>, <c>next-close</c>, <c>limit:F</c> or <c>stop:F</c>.</summary>
    public static IFillModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        if (t == "next-open")
        {
            return NextOpen;
        }

        if (t == "next-close")
        {
            return NextClose;
        }

        var colon = t.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && double.TryParse(t.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var offset) && offset >= 0 && offset < 1)
        {
            switch (t[..colon])
            {
                case "limit":
                    return Limit(offset);
                case "stop":
                    return Stop(offset);
            }
        }

        throw new ArgumentException($"'{text}' is not a fill model: next-open, next-close, limit:F or stop:F with 0 <= F < 1 (e.g. limit:0.01)", nameof(text));
    }

    private static double RequireOffset(double offset) =>
        offset is >= 0 and < 1 ? offset : throw new ArgumentOutOfRangeException(nameof(offset), offset, "a fraction of the price, 0 <= F < 1");

    private static OrderSide EntrySide(TradeSide side) => side == TradeSide.Long ? OrderSide.Buy : OrderSide.Sell;

    private static OrderSide ExitSide(TradeSide side) => side == TradeSide.Long ? OrderSide.Sell : OrderSide.Buy;

    private sealed class Market(string name, bool atClose) : IFillModel
    {
        public string Name => name;

        public double? Entry(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage) => Price(EntrySide(side), next, slippage);

        public double Exit(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage) => Price(ExitSide(side), next, slippage);

        // Market-on-close is not a paper order type; it keeps the same adverse slippage as a market order.
        private double Price(OrderSide side, in Bar next, ISlippageModel slippage) =>
            atClose ? slippage.Apply(next.Close, side == OrderSide.Buy) : BarFillModel.Market(side, next, slippage);
    }

    private sealed class Resting(bool limit, double offset) : IFillModel
    {
        public string Name => (limit ? "limit:" : "stop:") + offset.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The order price for a signal close: a buy limit sits below it and a buy stop above it; shorts mirror.</summary>
        public double Level(TradeSide side, double signalClose) =>
            (side == TradeSide.Long) == limit ? signalClose * (1 - offset) : signalClose * (1 + offset);

        public double? Entry(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage)
        {
            var level = Level(side, signalClose);
            return limit ? BarFillModel.Limit(EntrySide(side), level, next) : BarFillModel.Stop(EntrySide(side), level, next, slippage);
        }

        public double Exit(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage) => BarFillModel.Market(ExitSide(side), next, slippage);
    }
}
