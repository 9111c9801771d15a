using System.Text.Json;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// A stored scan run: the definition it ran, its ranked recent setups (raised within the configured number of bars of
/// each symbol's last bar), and the outcome statistics of every setup the rule raised over the bars read.
/// </summary>
public sealed record ScanRunDocument(
    string Id,
    string Name,
    string Status,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Timeframe,
    IReadOnlyList<string> Universe,
    IReadOnlyList<string> MissingSymbols,
    int InvalidStops,
    int HistoryCount,
    IReadOnlyList<TradeSetup>? Setups,
    ScanStatistics? Statistics,
    JsonElement Definition);
