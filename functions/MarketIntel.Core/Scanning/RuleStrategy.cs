using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>A strategy written in the scan language: an entry condition and an exit condition.</summary>
public sealed class RuleStrategy : ITradingStrategy
{
    public RuleStrategy(string name, TradeSide side, string entry, string exit)
    {
        Name = name;
        Side = side;
        Entry = ScanProgram.Condition(entry);
        Exit = ScanProgram.Condition(exit);
    }

    public string Name { get; }

    public TradeSide Side { get; }

    public ScanProgram Entry { get; }

    public ScanProgram Exit { get; }

    public StrategySignals Signals(ScanSeries series) => new(Entry.Evaluate(series), Exit.Evaluate(series));

    public override string ToString() => $"{Name} ({Side}): enter when {Entry.Text}; exit when {Exit.Text}";
}
