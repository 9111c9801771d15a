namespace MarketIntel.Core.Scanning;

/// <summary>
/// The result of a scan definition: <see cref="Current"/> holds the setups on each symbol's last bar, ranked;
/// <see cref="History"/> every setup the rule raised over the data (in time, then symbol order) with its outcome;
/// <see cref="Statistics"/> summarizes the history. <see cref="InvalidStops"/> counts signals dropped because the stop
/// was undefined or on the wrong side of the entry; <see cref="MissingSymbols"/> lists universe symbols without data.
/// </summary>
public sealed record ScanReport(
    ScanDefinition Definition,
    IReadOnlyList<TradeSetup> Current,
    IReadOnlyList<TradeSetup> History,
    ScanStatistics Statistics,
    int InvalidStops,
    IReadOnlyList<string> MissingSymbols);
