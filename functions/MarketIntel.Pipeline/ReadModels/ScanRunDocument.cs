using System.Text.Json;
using MarketIntel.Core.Scanning;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.ReadModels;

/// <summary>
/// A stored scan run: the definition it ran, its ranked recent setups (raised within the configured number of bars of
/// each symbol's last bar), and the outcome statistics of every setup the rule raised over the bars read; a failed or
/// interrupted run carries its <see cref="Reason"/>.
/// </summary>
public sealed record ScanRunDocument(
    string Id,
    string Name,
    RunStatus Status,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Timeframe,
    IReadOnlyList<string> Universe,
    IReadOnlyList<string> MissingSymbols,
    int InvalidStops,
    int HistoryCount,
    IReadOnlyList<TradeSetup>? Setups,
    ScanStatistics? Statistics,
    JsonElement Definition,
    string? Reason = null);
