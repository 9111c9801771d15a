using System.Text.Json;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>
/// The hand-written state converter against the reflection serializer it replaced: <see cref="StateShape"/> has the
/// state's properties in the same order without the converter, so the reflection serializer writes what
/// <see cref="TickBarState"/> was stored as before the converter.
/// </summary>
public sealed class TickBarStateJsonConverterTests
{
    private static readonly DateTime Open = new(2026, 12, 6, 2, 35, 0, DateTimeKind.Utc);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions TinyBuffers = new(StorageJson.Options) { DefaultBufferSize = 1 };

    public static TheoryData<string> Shapes => ["numeric ranges", "text hashes", "both and absorbed", "legacy ids", "empty"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WritesWhatTheReflectionSerializerWrote_UnderTheStoresOptions_AndUnderTheDefaults(string shape)
    {
        var state = State(shape);
        foreach (var options in new[] { StorageJson.Options, Web })
        {
            var expected = JsonSerializer.Serialize(StateShape.Of(state), options);
            Assert.Equal(expected, JsonSerializer.Serialize(state, options));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReadsWhatTheReflectionSerializerWrote_AndRoundTrips(string shape)
    {
        var state = State(shape);
        var stored = JsonSerializer.Serialize(StateShape.Of(state), StorageJson.Options);
        var read = JsonSerializer.Deserialize<TickBarState>(stored, StorageJson.Options)!;
        AssertSame(state, read);
        AssertSame(state, JsonSerializer.Deserialize<TickBarState>(JsonSerializer.Serialize(state, StorageJson.Options), StorageJson.Options)!);
        // As the record stores read it: from the document's payload element.
        AssertSame(state, JsonDocument.Parse(stored).RootElement.Deserialize<TickBarState>(StorageJson.Options)!);
    }

    [Fact]
    public void ReadsNamesInAnyCase_SkipsUnknownProperties_AndNumbersWrittenAsStrings()
    {
        const string json = """{"OpenTime":"2026-12-06T02:35:00Z","open":"100.5","future":{"a":[1,{"b":2}]},"HIGH":101,"low":99,"close":100,"volume":12.25,"trades":"3","idRanges":[1,3]}""";
        var read = JsonSerializer.Deserialize<TickBarState>(json, StorageJson.Options)!;
        Assert.Equal((Open, 100.5, 101.0, 99.0, 100.0, 12.25m, 3L), (read.OpenTime, read.Open, read.High, read.Low, read.Close, read.Volume, read.Trades));
        Assert.Equal([1L, 3L], read.IdRanges);
        Assert.Null(read.TextIdHashes);
    }

    [Fact]
    public void TheReferenceShape_HasTheStatesPropertiesInOrder_SoAPropertyAddedLaterIsNoticedHere()
    {
        static string[] Properties(Type type) => [.. type.GetProperties().Where(p => p.Name != "EqualityContract").Select(p => $"{p.PropertyType.Name} {p.Name}")];
        Assert.Equal(Properties(typeof(TickBarState)), Properties(typeof(StateShape)));
    }

    [Fact]
    public async Task ReadsFromAStreamInTinyBuffers_SkippingNestedUnknownProperties()
    {
        // A stream read hands the converter a buffer that is not the stream's end (the states after it are still to come),
        // where Utf8JsonReader.Skip throws.
        var state = State("both and absorbed");
        var json = JsonSerializer.Serialize(state, StorageJson.Options).Replace("{\"openTime\"", "{\"future\":{\"a\":[1,{\"b\":[2,3]}],\"c\":\"d\"},\"openTime\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"[{json},{json},{json}]"));
        var states = (await JsonSerializer.DeserializeAsync<TickBarState[]>(stream, TinyBuffers))!;
        Assert.Equal(3, states.Length);
        Assert.All(states, read => AssertSame(state, read));
    }

    [Fact]
    public void ReadsExplicitNulls_AndMissingProperties_AsTheReflectionSerializerDid()
    {
        const string json = """{"openTime":"2026-12-06T02:35:00Z","open":1,"high":1,"low":1,"close":1,"volume":"2","trades":1,"idRanges":null,"textIdHashes":null,"tradeIds":null}""";
        var read = JsonSerializer.Deserialize<TickBarState>(json, StorageJson.Options)!;
        Assert.Equal((0L, default(DateTime), default(DateTime)), (read.AbsorbedIds, read.OpenTickTime, read.CloseTickTime));
        Assert.Null(read.IdRanges);
        Assert.Null(read.TextIdHashes);
        Assert.Null(read.TradeIds);
        // The web defaults write nulls; what they write reads back.
        AssertSame(State("text hashes"), JsonSerializer.Deserialize<TickBarState>(JsonSerializer.Serialize(State("text hashes"), Web), Web)!);
        Assert.Equal(1500m, JsonSerializer.Deserialize<TickBarState>("""{"volume":"1.5E3"}""", StorageJson.Options)!.Volume);
    }

    [Theory]
    [InlineData("""{"open":"NaN"}""", "NaN")]
    [InlineData("""{"high":"-Infinity"}""", "-Infinity")]
    [InlineData("""{"open":" 1"}""", " 1")]
    [InlineData("""{"trades":"12x"}""", "12x")]
    [InlineData("""{"trades":""}""", "where a whole number")]
    [InlineData("""{"volume":"1,5"}""", "1,5")]
    public void ANumberWrittenAsAStringThatIsNotOne_IsAJsonExceptionQuotingIt(string json, string quoted)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TickBarState>(json, StorageJson.Options));
        Assert.Contains(quoted, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("""{"idRanges":{"a":1}}""", "idRanges")]
    [InlineData("""{"tradeIds":[null]}""", "tradeIds")]
    public void AMalformedState_IsAJsonExceptionThatSaysWhat(string json, string what)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TickBarState>(json, StorageJson.Options));
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVolumeGoesThroughTheOptionsDecimalConverter_SoItStaysExact()
    {
        var state = State("numeric ranges") with { Volume = 0.1234567890123456789012345678m };
        var json = JsonSerializer.Serialize(state, StorageJson.Options);
        Assert.Contains("\"volume\":\"0.1234567890123456789012345678\"", json, StringComparison.Ordinal);
        Assert.Equal(state.Volume, JsonSerializer.Deserialize<TickBarState>(json, StorageJson.Options)!.Volume);
    }

    private static TickBarState State(string shape) => shape switch
    {
        "numeric ranges" => new(Open, 100.5, Open.AddMilliseconds(12.5), 101.25, 99.75, 100, Open.AddSeconds(59.999), 12.5m, 42, [1, 40, 45, 46], null),
        "text hashes" => new(Open, 1e-8, Open, 2e-8, 5e-9, 1.5e-8, Open.AddSeconds(1), 1_000_000.000001m, 2, null, [1, 2, 3, 4, 5, 6, 7, 8, 255, 254, 253, 252, 251, 250, 249, 248]),
        "both and absorbed" => new(Open, 65_000.12, Open, 65_001, 64_999.5, 65_000, Open.AddSeconds(30), 0.001m, 5, [10, 12], [9, 9, 9, 9, 9, 9, 9, 9], AbsorbedIds: 7),
        "legacy ids" => new TickBarState(Open, 1, Open, 1, 1, 1, Open, 1m, 2, null, null) { TradeIds = ["a-1", "b\"2"] },
        _ => new(Open, 0, Open, 0, 0, 0, Open, 0m, 0, [], null),
    };

    private static void AssertSame(TickBarState expected, TickBarState actual)
    {
        Assert.Equal(
            (expected.OpenTime, expected.Open, expected.OpenTickTime, expected.High, expected.Low, expected.Close, expected.CloseTickTime, expected.Volume, expected.Trades, expected.AbsorbedIds),
            (actual.OpenTime, actual.Open, actual.OpenTickTime, actual.High, actual.Low, actual.Close, actual.CloseTickTime, actual.Volume, actual.Trades, actual.AbsorbedIds));
        Assert.Equal(expected.IdRanges, actual.IdRanges);
        Assert.Equal(expected.TextIdHashes, actual.TextIdHashes);
        Assert.Equal(expected.TradeIds, actual.TradeIds);
    }

    /// <summary>The state's properties, names and order, without the converter: what the reflection serializer wrote.</summary>
    private sealed record StateShape(
        DateTime OpenTime,
        double Open,
        DateTime OpenTickTime,
        double High,
        double Low,
        double Close,
        DateTime CloseTickTime,
        decimal Volume,
        long Trades,
        IReadOnlyList<long>? IdRanges,
        byte[]? TextIdHashes,
        long AbsorbedIds = 0)
    {
        public IReadOnlyList<string>? TradeIds { get; init; }

        public static StateShape Of(TickBarState s) =>
            new(s.OpenTime, s.Open, s.OpenTickTime, s.High, s.Low, s.Close, s.CloseTickTime, s.Volume, s.Trades, s.IdRanges, s.TextIdHashes, s.AbsorbedIds) { TradeIds = s.TradeIds };
    }
}
