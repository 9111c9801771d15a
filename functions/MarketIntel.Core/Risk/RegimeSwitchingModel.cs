using MarketIntel.Core.Performance;
using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Paths from a fitted Gaussian HMM on log returns (dimension 0): the first state is drawn from
/// <c>initialDistribution</c> (e.g. the last filtered probabilities times the transition matrix), each later state
/// from the transition row of the previous one, and each step's log return from its state's normal.
/// </summary>
public sealed class RegimeSwitchingModel : IPathModel
{
    private readonly double[][] _cumulative;
    private readonly double[] _start;
    private readonly double[] _mean;
    private readonly double[] _sd;

    public RegimeSwitchingModel(HmmParameters model, double[] initialDistribution)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(initialDistribution);
        model.Validate();
        var k = model.States;
        if (initialDistribution.Length != k)
        {
            throw new ArgumentException($"initial distribution has {initialDistribution.Length} entries for {k} states", nameof(initialDistribution));
        }

        new HmmParameters(initialDistribution, model.Transition, model.Means, model.Variances).Validate();
        _start = Cumulative(initialDistribution);
        _cumulative = model.Transition.Select(Cumulative).ToArray();
        _mean = model.Means.Select(m => m[0]).ToArray();
        _sd = model.Variances.Select(v => Math.Sqrt(v[0])).ToArray();
        var stationary = model.StationaryDistribution();
        double mean = 0, second = 0;
        for (var s = 0; s < k; s++)
        {
            mean += stationary[s] * _mean[s];
            second += stationary[s] * ((_sd[s] * _sd[s]) + (_mean[s] * _mean[s]));
        }

        StepLogMean = mean;
        StepLogStandardDeviation = Math.Sqrt(Math.Max(0, second - (mean * mean)));
        Parameters = new Dictionary<string, double[]>
        {
            ["initial"] = (double[])initialDistribution.Clone(),
            ["transition"] = model.Transition.SelectMany(r => r).ToArray(),
            ["means"] = (double[])_mean.Clone(),
            ["stdevs"] = (double[])_sd.Clone(),
        };
    }

    /// <summary>Starting from the state distribution one step after the last filtered probabilities.</summary>
    public static RegimeSwitchingModel FromFilter(HmmParameters model, double[] lastFiltered)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lastFiltered);
        var next = new double[model.States];
        for (var j = 0; j < model.States; j++)
        {
            for (var k = 0; k < model.States; k++)
            {
                next[k] += lastFiltered[j] * model.Transition[j][k];
            }
        }

        var total = next.Sum();
        return new RegimeSwitchingModel(model, next.Select(p => p / total).ToArray());
    }

    public string Name => "regime";

    public IReadOnlyDictionary<string, double[]> Parameters { get; }

    public double StepLogMean { get; }

    public double StepLogStandardDeviation { get; }

    public void Simulate(ulong seed, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares)
    {
        var logEquity = new double[horizon + 1];
        for (var i = 0; i < terminalLog.Length; i++)
        {
            var random = new PathRandom(seed, RandomStream.Regime, firstPath + i);
            var state = Draw(_start, random.NextUniform());
            var squares = 0.0;
            for (var step = 1; step <= horizon; step++)
            {
                if (step > 1)
                {
                    state = Draw(_cumulative[state], random.NextUniform());
                }

                // One normal per step (the pair's second is dropped) keeps the word layout simple: 3 words a step.
                var dx = _mean[state] + (_sd[state] * random.NextNormalPair().Z0);
                logEquity[step] = logEquity[step - 1] + dx;
                squares += dx * dx;
            }

            terminalLog[i] = logEquity[horizon];
            minLogDrawdown[i] = Drawdowns.MinLogDrawdown(logEquity);
            sumSquares[i] = squares;
        }
    }

    private static int Draw(double[] cumulative, double u)
    {
        for (var s = 0; s < cumulative.Length - 1; s++)
        {
            if (u < cumulative[s])
            {
                return s;
            }
        }

        return cumulative.Length - 1;
    }

    private static double[] Cumulative(double[] p)
    {
        var c = new double[p.Length];
        var sum = 0.0;
        for (var s = 0; s < p.Length; s++)
        {
            sum += p[s];
            c[s] = sum;
        }

        return c;
    }
}
