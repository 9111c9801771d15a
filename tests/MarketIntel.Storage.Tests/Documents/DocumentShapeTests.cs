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

    public static TheoryData<string> EncodedRecords => ["decimals", "unicode", "ttl", "nullPayload", "nested", "large"];

    /// <summary>
    /// The single-pass encoding (the payload serialized once, straight into the document) is byte for byte what
    /// serializing the whole document with the storage options gives, and the document it returns carries the same fields.
    /// </summary>
    [Theory]
    [MemberData(nameof(EncodedRecords))]
    public void Encode_EqualsSerializingTheWholeDocument(string name)
    {
        var created = new DateTimeOffset(2026, 3, 2, 15, 4, 5, 678, TimeSpan.FromHours(2));
        var now = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var inputs = JsonSerializer.SerializeToElement(new { account = "a\u00e9\"<>&", sequence = 12, bounds = new[] { 1.5, -2e-9 } });
        object payload = name switch
        {
            "decimals" => new[] { 0.1m, 12345678901234567890.123456789m },
            "unicode" => new Dictionary<string, string> { ["z\u00fcrich"] = "\u65e5\u672c \ud83d\ude80 <tag> & 'q' \"d\"", ["ctl"] = "\t\n\u0001" },
            "ttl" => new { value = 1.0 / 3, when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) },
            "nullPayload" => null!,
            "nested" => new { orders = new[] { new { id = "o1", qty = 1e6, price = (double?)null }, new { id = "o2", qty = 0.001, price = (double?)101.25 } } },
            _ => Enumerable.Range(0, 20_000).Select(i => new { i, s = $"S{i:D4}", x = i * 0.1 }).ToArray(),
        };
        var record = new RecordEnvelope<object>("order|o1", "acct-1", RecordKinds.PaperOrder, created, inputs, "1.2.3+abc", "filled", payload)
        {
            TimeToLive = name == "ttl" ? TimeSpan.FromSeconds(90.5) : null,
        };

        var (document, json) = RecordCodec.Encode(record, now);
        var (full, _) = RecordCodec.ToDocument(record, now);
        var reference = new RecordDocument
        {
            Id = record.Id, Pk = record.PartitionKey, Kind = record.Kind.Name, CreatedAt = created.ToUniversalTime(), UpdatedAt = now.ToUniversalTime(), Inputs = inputs,
            CodeVersion = record.CodeVersion, Status = record.Status, Payload = JsonSerializer.SerializeToElement(payload, StorageJson.Options),
            Ttl = name == "ttl" ? 91 : null,
        };

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(reference, StorageJson.Options), json);
        Assert.Equal(json, JsonSerializer.SerializeToUtf8Bytes(full, StorageJson.Options));
        Assert.Equal((reference.Id, reference.Pk, reference.Kind, reference.CreatedAt, reference.UpdatedAt, reference.Ttl), (document.Id, document.Pk, document.Kind, document.CreatedAt, document.UpdatedAt, document.Ttl));
    }
}
