namespace MarketIntel.Core.Market.Csv;

/// <summary>Writes bars in the quotes format (<c>timestamp,open,high,low,close,volume</c>), round-trip numbers.</summary>
public static class QuoteCsvWriter
{
    /// <summary>Date-only timestamps when every bar opens at 00:00 UTC (daily and weekly series), else full UTC times.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<Bar> bars, bool includeTrades = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(bars);
        var dateOnly = true;
        foreach (var bar in bars)
        {
            dateOnly &= bar.OpenTime.TimeOfDay == TimeSpan.Zero;
        }

        writer.Write(includeTrades ? "timestamp,open,high,low,close,volume,trades\n" : "timestamp,open,high,low,close,volume\n");
        foreach (var bar in bars)
        {
            writer.Write(dateOnly ? bar.OpenTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : MarketText.FormatBarTime(bar.OpenTime));
            writer.Write(',');
            writer.Write(MarketText.Format(bar.Open));
            writer.Write(',');
            writer.Write(MarketText.Format(bar.High));
            writer.Write(',');
            writer.Write(MarketText.Format(bar.Low));
            writer.Write(',');
            writer.Write(MarketText.Format(bar.Close));
            writer.Write(',');
            writer.Write(MarketText.Format(bar.Volume));
            if (includeTrades)
            {
                writer.Write(',');
                writer.Write(MarketText.Format(bar.Trades));
            }

            writer.Write('\n');
        }
    }
}
