using System.Globalization;
using System.Text.Json.Serialization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Documents;

/// <summary>
/// A stored bar: about 400 bytes of JSON with a raw-archive reference, under 600 with Cosmos DB's system properties.
/// Short property names keep bars small, as they are the highest-volume items. Volume is a string so that its
/// decimal value round-trips exactly through JSON doubles.
/// </summary>
public sealed class BarDocument
{
    public string Id { get; set; } = string.Empty;

    public string Pk { get; set; } = string.Empty;

    public string Kind { get; set; } = "bar";

    public string Symbol { get; set; } = string.Empty;

    public string Tf { get; set; } = string.Empty;

    /// <summary>Open time, milliseconds since the Unix epoch.</summary>
    public long T { get; set; }

    public double O { get; set; }

    public double H { get; set; }

    public double L { get; set; }

    public double C { get; set; }

    public string V { get; set; } = "0";

    public long N { get; set; }

    public string Src { get; set; } = string.Empty;

    public string Ver { get; set; } = string.Empty;

    public string? Raw { get; set; }

    public DateTimeOffset WrittenAt { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }

    public static BarDocument From(Symbol symbol, Timeframe timeframe, Bar bar, BarProvenance provenance, DateTimeOffset now) => new()
    {
        Id = BarRecordRules.Id(bar.OpenTime),
        Pk = BarRecordRules.PartitionKey(symbol, timeframe, bar.OpenTime),
        Symbol = symbol.Value,
        Tf = timeframe.ToString(),
        T = BarRecordRules.ToUnixMilliseconds(bar.OpenTime),
        O = bar.Open,
        H = bar.High,
        L = bar.Low,
        C = bar.Close,
        V = bar.Volume.ToString(CultureInfo.InvariantCulture),
        N = bar.Trades,
        Src = provenance.Source,
        Ver = provenance.CodeVersion,
        Raw = provenance.RawArchiveKey,
        WrittenAt = now.ToUniversalTime(),
    };

    public StoredBar ToStoredBar() => new(
        new Bar(BarRecordRules.FromUnixMilliseconds(T), O, H, L, C, decimal.Parse(V, NumberStyles.Number, CultureInfo.InvariantCulture), N),
        new BarProvenance(Src, Ver, Raw),
        WrittenAt);
}
