using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Tests.Documents;

/// <summary>The stored JSON shapes the partitioning notes and RU estimates rely on.</summary>
public sealed class DocumentShapeTests
{
    [Fact]
    public void BarDocument_IsCamelCase_KeysByPartitionAndOpenTime_AndStaysUnder512Bytes()
    {
        var bar = new Bar(new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc), 187.12345678, 187.5, 186.98765432, 187.33333333, 12345678.123456789m, 4321);
        var document = BarDocument.From("BRK.B", Timeframe.OneMinute, bar, new BarProvenance("alpaca", "0.1.0+abcdef0", "alpaca/2024/01/02/bars-1m/" + new string('a', 64) + ".json"), DateTimeOffset.UtcNow);

        var json = JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Options);
        using var parsed = JsonDocument.Parse(json);

        Assert.True(json.Length < 512, $"a bar document is {json.Length} bytes");
        Assert.Equal("2024-01-02T14:30", parsed.RootElement.GetProperty("id").GetString());
        Assert.Equal("BRK.B|1m|2024-01", parsed.RootElement.GetProperty("pk").GetString());
        Assert.Equal(1_704_205_800_000, parsed.RootElement.GetProperty("t").GetInt64());
        Assert.Equal("12345678.123456789", parsed.RootElement.GetProperty("v").GetString());
        Assert.False(parsed.RootElement.TryGetProperty("_etag", out _));
        Assert.Equal(bar, document.ToStoredBar().Bar);
    }

    [Fact]
    public void RecordDocument_CarriesTheEnvelope_WithDecimalsAsExactStrings()
    {
        var record = new RecordEnvelope<decimal[]>("r1", "p1", RecordKinds.RiskReport, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(new { portfolio = "main" }), "0.1.0", "completed", [0.1m, 12345678901234567890.123456789m]);

        var (document, json) = RecordCodec.ToDocument(record, DateTimeOffset.UnixEpoch);
        using var parsed = JsonDocument.Parse(json);

        Assert.Equal(["id", "pk", "kind", "createdAt", "updatedAt", "inputs", "codeVersion", "status", "payload"], parsed.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("12345678901234567890.123456789", parsed.RootElement.GetProperty("payload")[1].GetString());
        Assert.Equal(record.Payload, RecordCodec.FromDocument<decimal[]>(document, RecordKinds.RiskReport).Payload);
    }
}
