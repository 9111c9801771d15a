namespace MarketIntel.Core.Risk;

/// <summary>
/// A generator of price paths for <see cref="MonteCarloEngine"/>. For each path it reports, in log space, the terminal
/// log growth, the most negative log drawdown (0 if none) and the sum of squared per-step log returns. A path's numbers
/// must depend only on (seed, path index), never on which other paths are simulated with it.
/// </summary>
public interface IPathModel
{
    /// <summary>Short model name echoed in reports (gbm, portfolio-gbm, bootstrap, regime).</summary>
    string Name { get; }

    /// <summary>The model's parameters, echoed in reports and in the run key that guards merges.</summary>
    IReadOnlyDictionary<string, double[]> Parameters { get; }

    /// <summary>Mean and standard deviation of one step's log return: they place the histogram's range.</summary>
    double StepLogMean { get; }

    double StepLogStandardDeviation { get; }

    void Simulate(ulong seed, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares);
}
