using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Trading;

/// <summary>Hand-written bars for the trading tests: daily from <see cref="Day0"/> unless an hour is given.</summary>
internal static class TradingBars
{
    public static readonly DateTime Day0 = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    public static Bar Daily(int day, double open, double high, double low, double close, decimal volume = 1_000_000) =>
        new(Day0.AddDays(day), open, high, low, close, volume);

    public static Bar Hourly(int day, int hour, double open, double high, double low, double close, decimal volume = 1_000_000) =>
        new(Day0.AddDays(day).AddHours(hour), open, high, low, close, volume);
}
