using MarketIntel.Core.Market;

namespace MarketIntel.Cli.Commands;

/// <summary>The parsed options of <c>marketintel ingest</c>.</summary>
public sealed record IngestArguments(
    string Provider,
    IReadOnlyList<string> Symbols,
    Timeframe Timeframe,
    DateTime FromUtc,
    DateTime? ToUtc,
    string Store,
    string DataPath,
    bool Restart,
    ulong? Seed,
    bool ShowProgress);
