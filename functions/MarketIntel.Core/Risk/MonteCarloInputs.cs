namespace MarketIntel.Core.Risk;

/// <summary>Everything needed to reproduce a report: model and parameters, spec, batches and the code version.</summary>
public sealed record MonteCarloInputs(
    string Model,
    IReadOnlyDictionary<string, double[]> Parameters,
    ulong Seed,
    long Paths,
    int Horizon,
    int Batches,
    IReadOnlyList<double> Confidences,
    IReadOnlyList<double> LossThresholds,
    int HistogramBins,
    double PeriodsPerYear,
    double RiskFreePerPeriod,
    double SharpeIntervalLevel,
    string CodeVersion);
