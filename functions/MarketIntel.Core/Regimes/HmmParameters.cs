namespace MarketIntel.Core.Regimes;

/// <summary>
/// A Gaussian hidden Markov model with diagonal covariances: initial state probabilities, row-stochastic transition
/// matrix, and per state the mean and variance of every observation dimension (dimension 0 is the log return).
/// </summary>
public sealed record HmmParameters(double[] Initial, double[][] Transition, double[][] Means, double[][] Variances)
{
    public int States => Initial.Length;

    public int Dimensions => Means[0].Length;

    /// <summary>Expected regime durations in steps: <c>1 / (1 - p_ii)</c> (infinite for an absorbing state).</summary>
    public double[] ExpectedDurations()
    {
        var result = new double[States];
        for (var k = 0; k < States; k++)
        {
            result[k] = Transition[k][k] < 1 ? 1 / (1 - Transition[k][k]) : double.PositiveInfinity;
        }

        return result;
    }

    /// <summary>The stationary distribution of the chain (power iteration from uniform).</summary>
    public double[] StationaryDistribution()
    {
        var p = new double[States];
        Array.Fill(p, 1.0 / States);
        var next = new double[States];
        for (var iteration = 0; iteration < 10_000; iteration++)
        {
            Array.Clear(next);
            for (var j = 0; j < States; j++)
            {
                for (var k = 0; k < States; k++)
                {
                    next[k] += p[j] * Transition[j][k];
                }
            }

            var change = 0.0;
            for (var k = 0; k < States; k++)
            {
                change += Math.Abs(next[k] - p[k]);
            }

            (p, next) = (next, p);
            if (change < 1e-15)
            {
                break;
            }
        }

        return p;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for inconsistent shapes, non-stochastic rows or non-positive variances.</summary>
    public void Validate()
    {
        var k = Initial.Length;
        if (k < 1 || Transition.Length != k || Means.Length != k || Variances.Length != k)
        {
            throw new ArgumentException("HMM parameters have inconsistent numbers of states");
        }

        CheckDistribution(Initial, "initial distribution");
        for (var s = 0; s < k; s++)
        {
            if (Transition[s].Length != k)
            {
                throw new ArgumentException($"transition row {s} has {Transition[s].Length} entries, expected {k}");
            }

            CheckDistribution(Transition[s], $"transition row {s}");
            if (Means[s].Length != Means[0].Length || Variances[s].Length != Means[0].Length)
            {
                throw new ArgumentException($"state {s} has inconsistent dimensions");
            }

            foreach (var v in Variances[s])
            {
                if (!(v > 0) || !double.IsFinite(v))
                {
                    throw new ArgumentException($"state {s} has a non-positive variance");
                }
            }
        }
    }

    private static void CheckDistribution(double[] p, string what)
    {
        var sum = 0.0;
        foreach (var x in p)
        {
            if (!(x >= 0))
            {
                throw new ArgumentException($"{what} has a negative or NaN probability");
            }

            sum += x;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"{what} sums to {sum}, not 1");
        }
    }
}
