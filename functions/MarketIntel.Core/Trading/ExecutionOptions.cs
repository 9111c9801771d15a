using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Trading;

/// <summary>
/// How an execution engine fills and checks orders: the backtester's slippage and commission models, an optional cap
/// on each fill as a fraction of the bar's volume, the quantity rules per symbol (<see cref="Instruments"/>, else
/// <see cref="Instrument"/>) and the account's risk limits.
/// </summary>
public sealed record ExecutionOptions
{
    public ISlippageModel Slippage { get; init; } = SlippageModels.None;

    public ICommissionModel Commission { get; init; } = CommissionModels.None;

    public double? MaxParticipation { get; init; }

    public InstrumentRules Instrument { get; init; } = InstrumentRules.WholeUnits;

    /// <summary>Symbols whose quantity rules differ from <see cref="Instrument"/> (e.g. fractional crypto in a stock account).</summary>
    public IReadOnlyDictionary<string, InstrumentRules> Instruments { get; init; } = new Dictionary<string, InstrumentRules>(StringComparer.Ordinal);

    public InstrumentRules RulesFor(string symbol) => Instruments.TryGetValue(symbol, out var rules) ? rules : Instrument;

    public RiskLimits Limits { get; init; } = new();
}
