using System.Globalization;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// The built-in fill models. <c>next-open</c>: the next bar's open. <c>next-close</c>: the next bar's close.
/// <c>limit:F</c>: an entry limit F (a fraction) better than the signal close (buy at close·(1−F), short at close·(1+F)),
/// filled when the next bar's range reaches it, at the limit or at the open if the open is already better; otherwise
/// cancelled. <c>stop:F</c>: an entry stop F beyond the signal close (buy at close·(1+F), short at close·(1−F)),
/// filled when the range reaches it, at the stop or at the open if the bar gaps through it. Limit and stop models exit
/// at the next open.
/// </summary>
public static class FillModels
{
    public static IFillModel NextOpen { get; } = new Market(nameof(NextOpen), next => next.Open);

    public static IFillModel NextClose { get; } = new Market(nameof(NextClose), next => next.Close);

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

    private sealed class Market(string name, Func<Bar, double> price) : IFillModel
    {
        public string Name => name;

        public double? Entry(TradeSide side, double signalClose, in Bar next) => price(next);

        public double Exit(TradeSide side, double signalClose, in Bar next) => price(next);
    }

    private sealed class Resting(bool limit, double offset) : IFillModel
    {
        public string Name => (limit ? "limit:" : "stop:") + offset.ToString("R", CultureInfo.InvariantCulture);

        public double? Entry(TradeSide side, double signalClose, in Bar next)
        {
            // A buy limit sits below the close and a buy stop above it; shorts mirror.
            var below = (side == TradeSide.Long) == limit;
            var level = below ? signalClose * (1 - offset) : signalClose * (1 + offset);
            if (below)
            {
                return next.Low <= level ? Math.Min(next.Open, level) : null;
            }

            return next.High >= level ? Math.Max(next.Open, level) : null;
        }

        public double Exit(TradeSide side, double signalClose, in Bar next) => next.Open;
    }
}
