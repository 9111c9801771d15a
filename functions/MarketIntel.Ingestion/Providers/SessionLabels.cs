using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// Equity providers stamp daily and weekly bars at midnight New York time (<c>05:00Z</c>); the platform labels them
/// with the session date at 00:00 UTC (<see cref="ExchangeCalendar.DailyLabel"/>). Intraday and crypto bars are unchanged.
/// </summary>
public static class SessionLabels
{
    public static DateTime Normalize(Instrument instrument, Timeframe timeframe, DateTime providerTimeUtc)
    {
        if (instrument.AssetClass != AssetClass.Equity || timeframe.Minutes < 1440)
        {
            return providerTimeUtc;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(providerTimeUtc, instrument.Calendar.TimeZone);
        return timeframe.BucketStart(ExchangeCalendar.DailyLabel(DateOnly.FromDateTime(local)));
    }
}
