namespace MarketIntel.Core.Scanning;

/// <summary>
/// How a scan runs. <see cref="EveryBar"/> reports every bar where the rule holds instead of only each symbol's last
/// bar; <see cref="MaxDegreeOfParallelism"/> bounds how many symbols are evaluated at once (results do not depend on it).
/// </summary>
public sealed record ScanOptions
{
    public bool EveryBar { get; init; }

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
