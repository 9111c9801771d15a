using System.Text.Json.Serialization;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market;
using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// What a paper account is opened with, fixed for its life: starting cash, the bar timeframe its working orders are
/// evaluated on (the pipeline's), the backtester's cost models (a commission per fill, or per unit with the per-fill amount as its minimum; slippage
/// as a fraction of price), an optional cap on each fill as a fraction of the bar's volume, whether quantities may be
/// fractional, the risk limits and the sizing rule of "trade this setup".
/// </summary>
public sealed record PaperAccountSettings
{
    public const double MaxStartingCash = 1e12;

    public const string FillsFromBars = "bars";

    public const string FillsFromTrades = "trades";

    public string Name { get; init; } = "paper";

    public double StartingCash { get; init; } = 100_000;

    public string Timeframe { get; init; } = "1m";

    public double CommissionPerFill { get; init; }

    public double CommissionPerUnit { get; init; }

    public double Slippage { get; init; }

    public double? MaxParticipation { get; init; }

    public bool Fractional { get; init; }

    public RiskLimits Limits { get; init; } = new();

    public PaperSizing Sizing { get; init; } = new();

    /// <summary>
    /// What fills the working orders: <c>bars</c> (the closed bars of <see cref="Timeframe"/>, after each ingest) or
    /// <c>trades</c> (each live trade the tick path stores, as a bar of one price: the same fill rules, with the trade's
    /// size as the volume; <c>day</c> orders expire at the first trade of a new UTC day).
    /// </summary>
    public string Fills { get; init; } = FillsFromBars;

    [JsonIgnore]
    public bool FillsOnTrades => Fills == FillsFromTrades;

    /// <summary>The first problem as (field, message), or null: every number finite and in its range.</summary>
    public (string Field, string Message)? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 80)
        {
            return ("name", "a name of 1 to 80 characters is required");
        }

        if (!(StartingCash is > 0 and <= MaxStartingCash))
        {
            return ("startingCash", $"{StartingCash} is not in (0, {MaxStartingCash:0e0}]");
        }

        if (!Core.Market.Timeframe.TryParse(Timeframe, out _, out var error))
        {
            return ("timeframe", error);
        }

        if (!(CommissionPerFill is >= 0 and < 1e6) || !(CommissionPerUnit is >= 0 and < 1e6))
        {
            return (CommissionPerFill is >= 0 and < 1e6 ? "commissionPerUnit" : "commissionPerFill", "a commission is a non-negative amount below 1,000,000");
        }

        if (!(Slippage is >= 0 and < 0.5))
        {
            return ("slippage", $"{Slippage} is not a fraction of price in [0, 0.5)");
        }

        if (MaxParticipation is { } p && !(p is > 0 and <= 1))
        {
            return ("maxParticipation", $"{p} is not a fraction of bar volume in (0, 1]");
        }

        if (Fills is not (FillsFromBars or FillsFromTrades))
        {
            return ("fills", $"'{Fills}' is not '{FillsFromBars}' or '{FillsFromTrades}'");
        }

        return LimitsProblem() ?? Sizing.Problem();
    }

    public ExecutionOptions ToExecutionOptions() => new()
    {
        Commission = CommissionPerUnit > 0 ? CommissionModels.PerUnit(CommissionPerUnit, CommissionPerFill) : CommissionModels.PerFill(CommissionPerFill),
        Slippage = SlippageModels.Fraction(Slippage),
        MaxParticipation = MaxParticipation,
        Instrument = Fractional ? InstrumentRules.FractionalUnits : InstrumentRules.WholeUnits,
        Limits = Limits,
    };

    [JsonIgnore]
    public Timeframe BarTimeframe => Core.Market.Timeframe.Parse(Timeframe);

    private (string Field, string Message)? LimitsProblem()
    {
        static bool Positive(double? v) => v is null || (v > 0 && double.IsFinite(v.Value));
        var l = Limits;
        if (!Positive(l.MaxPosition))
        {
            return ("limits.maxPosition", "must be a positive number");
        }

        if (!Positive(l.MaxOrderNotional))
        {
            return ("limits.maxOrderNotional", "must be a positive number");
        }

        if (!Positive(l.MaxGrossExposure))
        {
            return ("limits.maxGrossExposure", "must be a positive number");
        }

        if (l.MaxOpenPositions is <= 0)
        {
            return ("limits.maxOpenPositions", "must be a positive count");
        }

        if (l.PriceCollar is { } c && !(c is > 0 and < 1))
        {
            return ("limits.priceCollar", $"{c} is not a fraction of the last price in (0, 1)");
        }

        if (l.MaxOrdersPerMinute is <= 0)
        {
            return ("limits.maxOrdersPerMinute", "must be a positive count");
        }

        if (!Positive(l.DailyLossLimit))
        {
            return ("limits.dailyLossLimit", "must be a positive amount");
        }

        return l.MaxDrawdown is { } d && !(d is > 0 and < 1) ? ("limits.maxDrawdown", $"{d} is not a fraction of the high-water mark in (0, 1)") : null;
    }
}
