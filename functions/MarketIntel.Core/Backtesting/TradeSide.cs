using System.Text.Json.Serialization;

namespace MarketIntel.Core.Backtesting;

/// <summary>Direction of a position or setup.</summary>
// By name everywhere: scan runs always stored "Long"/"Short", while backtest trades wrote 0/1, which said nothing.
[JsonConverter(typeof(JsonStringEnumConverter<TradeSide>))]
public enum TradeSide
{
    Long,
    Short,
}
