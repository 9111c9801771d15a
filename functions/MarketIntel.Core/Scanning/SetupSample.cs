using System.Text.Json.Serialization;
using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// What <see cref="ScanStatistics"/> reads of a setup that did not overlap an earlier one of its symbol: enough to
/// compute a scan's statistics from setups found in separate batches without carrying their scores and explanations.
/// Statistics sum in <see cref="CompareHistoryOrder"/> (a scan's history order), so every split of a universe gives
/// the same numbers to the last bit.
/// </summary>
// Open setups' R and forward returns past the data are NaN: written as "NaN" whatever options serialize it.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record SetupSample(
    DateTime Time,
    string Symbol,
    TradeSide Side,
    double Entry,
    OutcomeExit Exit,
    double ExitPrice,
    double R,
    double Return1,
    double Return5,
    double Return20)
{
    public static SetupSample From(TradeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var o = setup.Outcome;
        return new SetupSample(setup.Time, setup.Symbol, setup.Side, setup.Entry, o.Exit, o.ExitPrice, o.R, o.Return1, o.Return5, o.Return20);
    }

    /// <summary>A scan's history order: time, then symbol (ordinal); a symbol has at most one setup per bar.</summary>
    public static int CompareHistoryOrder(SetupSample? a, SetupSample? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var c = a.Time.CompareTo(b.Time);
        return c != 0 ? c : string.CompareOrdinal(a.Symbol, b.Symbol);
    }
}
