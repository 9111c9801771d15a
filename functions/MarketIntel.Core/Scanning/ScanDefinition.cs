using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// A scan as data (JSON, camelCase):
/// <code>
/// { "name": "oversold-in-uptrend", "universe": ["AAPL", "MSFT"], "timeframe": "1d",
///   "entry": "rsi(14) &lt; 30 and close &gt; sma(200)",
///   "filters": { "minPrice": 5, "minAverageDollarVolume": 1000000, "averageDollarVolumeBars": 20 },
///   "setup": { "side": "long", "stop": "close - 2 * atr(14)", "targetR": 2, "horizon": 20 },
///   "weights": { "signalStrength": 0.3, "momentum": 0.2, "relativeVolume": 0.2, "liquidity": 0.15, "regimeAgreement": 0.15 } }
/// </code>
/// An empty universe means every symbol given. A timeframe coarser than the bars resamples them first; none means the
/// bars as they are.
/// </summary>
public sealed record ScanDefinition
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        WriteIndented = true,
    };

    public required string Name { get; init; }

    public IReadOnlyList<string> Universe { get; init; } = [];

    public string? Timeframe { get; init; }

    public required string Entry { get; init; }

    public ScanFilters Filters { get; init; } = new();

    public SetupTemplate Setup { get; init; } = new();

    public ScoreWeights Weights { get; init; } = new();

    /// <summary>Reads and validates a definition; problems are <see cref="FormatException"/>s naming the field (and the rule column).</summary>
    public static ScanDefinition Parse(string json)
    {
        ScanDefinition? d;
        try
        {
            d = JsonSerializer.Deserialize<ScanDefinition>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"scan definition: {ex.Message}", ex);
        }

        if (d is null)
        {
            throw new FormatException("scan definition: the document is empty (null)");
        }

        d.Validate();
        return d;
    }

    public static ScanDefinition Load(string path) => Parse(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public Timeframe? ParsedTimeframe => Timeframe is null ? null : Market.Timeframe.TryParse(Timeframe, out var tf, out var error) ? tf : throw new FormatException($"scan definition 'timeframe': {error}");

    /// <summary>Checks every field, compiling the rules, so that a bad definition fails before any data is read.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new FormatException("scan definition 'name': required");
        }

        _ = ParsedTimeframe;
        Compile("entry", Entry, condition: true);
        Compile("setup.stop", Setup.Stop, condition: false);
        if (!(Setup.TargetR > 0 && double.IsFinite(Setup.TargetR)))
        {
            throw new FormatException("scan definition 'setup.targetR': a positive multiple of the risk");
        }

        if (Setup.Horizon < 1)
        {
            throw new FormatException("scan definition 'setup.horizon': at least 1 bar");
        }

        if (Filters.AverageDollarVolumeBars < 1 || Filters.MinPrice < 0 || Filters.MinAverageDollarVolume < 0)
        {
            throw new FormatException("scan definition 'filters': minPrice and minAverageDollarVolume are >= 0, averageDollarVolumeBars >= 1");
        }

        var w = Weights;
        double[] all = [w.SignalStrength, w.Momentum, w.RelativeVolume, w.Liquidity, w.RegimeAgreement];
        if (all.Any(x => !(x >= 0 && double.IsFinite(x))) || all.Sum() <= 0)
        {
            throw new FormatException("scan definition 'weights': each >= 0, and not all 0");
        }
    }

    /// <summary>Compiles one of the definition's expressions, prefixing errors with the field.</summary>
    public static ScanProgram Compile(string field, string? text, bool condition)
    {
        try
        {
            return condition ? ScanProgram.Condition(text ?? string.Empty) : ScanProgram.Value(text ?? string.Empty);
        }
        catch (ScanSyntaxException ex)
        {
            throw new FormatException($"scan definition '{field}': {ex.Message}", ex);
        }
    }
}
