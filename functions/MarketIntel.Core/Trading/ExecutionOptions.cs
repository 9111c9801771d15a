using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Trading;

/// <summary>
/// How an execution engine fills and checks orders: the backtester's slippage and commission models, an optional cap
/// on each fill as a fraction of the bar's volume, the instrument's quantity rules and the account's risk limits.
/// </summary>
public sealed record ExecutionOptions
{
    public ISlippageModel Slippage { get; init; } = SlippageModels.None;

    public ICommissionModel Commission { get; init; } = CommissionModels.None;

    public double? MaxParticipation { get; init; }

    public InstrumentRules Instrument { get; init; } = InstrumentRules.WholeUnits;

    public RiskLimits Limits { get; init; } = new();
}
