using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Regimes;

/// <summary>
/// Gaussian HMM algorithms on observation rows (one array per time step). Likelihoods use Rabiner's scaling: emission
/// densities are divided by their per-step maximum and forward variables renormalized every step, so nothing
/// underflows; the log-likelihood is the sum of the logs of the scales and offsets. Filtering uses only observations up
/// to each step (no look-ahead); Viterbi and Baum-Welch's smoothing use the whole sequence.
/// </summary>
public static class GaussianHmm
{
    private const double LogTwoPi = 1.8378770664093453;

    public static double LogLikelihood(HmmParameters model, IReadOnlyList<double[]> observations)
    {
        var w = new Workspace(model, observations.Count);
        w.Emissions(model, observations);
        return w.Forward(model);
    }

    /// <summary>P(state at t | observations 0..t) for every t.</summary>
    public static double[][] Filter(HmmParameters model, IReadOnlyList<double[]> observations)
    {
        model.Validate();
        var w = new Workspace(model, observations.Count);
        w.Emissions(model, observations);
        if (!double.IsFinite(w.Forward(model)))
        {
            throw new ArgumentException("an observation has zero probability under the model");
        }

        var result = new double[observations.Count][];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = new double[model.States];
            for (var k = 0; k < model.States; k++)
            {
                result[t][k] = w.Alpha[t, k];
            }
        }

        return result;
    }

    /// <summary>The most likely state sequence (log-space Viterbi; ties go to the lower state).</summary>
    public static int[] Viterbi(HmmParameters model, IReadOnlyList<double[]> observations)
    {
        model.Validate();
        var n = observations.Count;
        var k = model.States;
        if (n == 0)
        {
            return [];
        }

        var delta = new double[k];
        var next = new double[k];
        var back = new int[n, k];
        for (var s = 0; s < k; s++)
        {
            delta[s] = Math.Log(model.Initial[s]) + LogDensity(model, s, observations[0]);
        }

        for (var t = 1; t < n; t++)
        {
            for (var s = 0; s < k; s++)
            {
                var best = double.NegativeInfinity;
                var arg = 0;
                for (var j = 0; j < k; j++)
                {
                    var v = delta[j] + Math.Log(model.Transition[j][s]);
                    if (v > best)
                    {
                        best = v;
                        arg = j;
                    }
                }

                next[s] = best + LogDensity(model, s, observations[t]);
                back[t, s] = arg;
            }

            (delta, next) = (next, delta);
        }

        var path = new int[n];
        for (var s = 1; s < k; s++)
        {
            if (delta[s] > delta[path[n - 1]])
            {
                path[n - 1] = s;
            }
        }

        for (var t = n - 1; t > 0; t--)
        {
            path[t - 1] = back[t, path[t]];
        }

        return path;
    }

    /// <summary>Log density of one observation under state <paramref name="state"/>'s diagonal Gaussian.</summary>
    public static double LogDensity(HmmParameters model, int state, double[] x)
    {
        var sum = 0.0;
        var means = model.Means[state];
        var variances = model.Variances[state];
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - means[d];
            sum -= 0.5 * (LogTwoPi + Math.Log(variances[d]) + (diff * diff / variances[d]));
        }

        return sum;
    }

    /// <summary>
    /// Baum-Welch from <see cref="HmmFitOptions.Restarts"/> seeded starting points; the best log-likelihood wins (ties
    /// to the earlier restart). States come back ordered by ascending volatility and labelled.
    /// </summary>
    public static HmmFit Fit(IReadOnlyList<double[]> observations, HmmFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(options);
        var k = options.States;
        if (k is < 2 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(options), k, "states must be between 2 and 4");
        }

        if (options.Restarts < 1 || options.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "restarts and iterations must be at least 1");
        }

        var n = observations.Count;
        var needed = options.MinimumObservationsPerState * k;
        if (n < needed)
        {
            throw new ArgumentException($"too few observations: fitting {k} regimes needs at least {needed} returns, got {n}");
        }

        var dims = observations[0].Length;
        var (mean, variance) = Moments(observations, dims);
        if (!(variance[0] > 0))
        {
            throw new ArgumentException("returns have zero variance (constant prices): there are no regimes to fit");
        }

        HmmParameters? best = null;
        var bestLog = double.NegativeInfinity;
        var bestIterations = 0;
        var bestConverged = false;
        var bestRestart = 0;
        var logs = new double[options.Restarts];
        for (var r = 0; r < options.Restarts; r++)
        {
            var start = Initialize(options, r, mean, variance, dims);
            var (model, logL, iterations, converged) = BaumWelch(start, observations, options, variance);
            logs[r] = logL;
            if (logL > bestLog)
            {
                (best, bestLog, bestIterations, bestConverged, bestRestart) = (model, logL, iterations, converged, r);
            }
        }

        if (best is null)
        {
            throw new ArgumentException("no restart produced a finite likelihood; the observations are degenerate");
        }

        var ordered = OrderByVolatility(best);
        return new HmmFit(ordered, Labels(ordered), bestLog, bestIterations, bestConverged, bestRestart, logs, n);
    }

    /// <summary>
    /// Names by volatility rank (2: calm, turbulent; 3: calm, choppy, turbulent; 4: calm, steady, choppy, turbulent);
    /// with three or more states the calmest and the most turbulent also get -bull or -bear by the sign of their mean.
    /// </summary>
    public static string[] Labels(HmmParameters ordered)
    {
        string[] names = ordered.States switch
        {
            2 => ["calm", "turbulent"],
            3 => ["calm", "choppy", "turbulent"],
            4 => ["calm", "steady", "choppy", "turbulent"],
            _ => Enumerable.Range(0, ordered.States).Select(s => "state" + s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        };
        if (ordered.States >= 3)
        {
            foreach (var s in new[] { 0, ordered.States - 1 })
            {
                names[s] += ordered.Means[s][0] > 0 ? "-bull" : "-bear";
            }
        }

        return names;
    }

    /// <summary>States permuted so that the variance of dimension 0 ascends (stable for ties).</summary>
    public static HmmParameters OrderByVolatility(HmmParameters model)
    {
        var order = Enumerable.Range(0, model.States).OrderBy(s => model.Variances[s][0]).ToArray();
        return new HmmParameters(
            order.Select(s => model.Initial[s]).ToArray(),
            order.Select(j => order.Select(k => model.Transition[j][k]).ToArray()).ToArray(),
            order.Select(s => (double[])model.Means[s].Clone()).ToArray(),
            order.Select(s => (double[])model.Variances[s].Clone()).ToArray());
    }

    private static (HmmParameters Model, double LogLikelihood, int Iterations, bool Converged) BaumWelch(
        HmmParameters model, IReadOnlyList<double[]> x, HmmFitOptions options, double[] dataVariance)
    {
        var n = x.Count;
        var k = model.States;
        var dims = model.Dimensions;
        var w = new Workspace(model, n);
        var beta = new double[n, k];
        var gamma = new double[n, k];
        var xi = new double[k, k];
        var previous = double.NegativeInfinity;
        for (var iteration = 0; ; iteration++)
        {
            w.Emissions(model, x);
            var logL = w.Forward(model);
            if (!double.IsFinite(logL))
            {
                return (model, double.NegativeInfinity, iteration, false);
            }

            if (Math.Abs(logL - previous) <= options.Tolerance * (1 + Math.Abs(logL)))
            {
                return (model, logL, iteration, true);
            }

            if (iteration == options.MaxIterations)
            {
                return (model, logL, iteration, false);
            }

            previous = logL;

            // Backward pass with the forward scales, then smoothed state and transition probabilities.
            for (var s = 0; s < k; s++)
            {
                beta[n - 1, s] = 1;
            }

            for (var t = n - 2; t >= 0; t--)
            {
                for (var j = 0; j < k; j++)
                {
                    var sum = 0.0;
                    for (var s = 0; s < k; s++)
                    {
                        sum += model.Transition[j][s] * w.B[t + 1, s] * beta[t + 1, s];
                    }

                    beta[t, j] = sum / w.Scale[t + 1];
                }
            }

            Array.Clear(xi);
            for (var t = 0; t < n; t++)
            {
                var norm = 0.0;
                for (var s = 0; s < k; s++)
                {
                    gamma[t, s] = w.Alpha[t, s] * beta[t, s];
                    norm += gamma[t, s];
                }

                for (var s = 0; s < k; s++)
                {
                    gamma[t, s] /= norm;
                }

                if (t < n - 1)
                {
                    for (var j = 0; j < k; j++)
                    {
                        for (var s = 0; s < k; s++)
                        {
                            xi[j, s] += w.Alpha[t, j] * model.Transition[j][s] * w.B[t + 1, s] * beta[t + 1, s] / w.Scale[t + 1];
                        }
                    }
                }
            }

            model = MaximizationStep(model, x, gamma, xi, options.VarianceFloor, dataVariance, dims);
        }
    }

    private static HmmParameters MaximizationStep(HmmParameters old, IReadOnlyList<double[]> x, double[,] gamma, double[,] xi, double floorFraction, double[] dataVariance, int dims)
    {
        var n = x.Count;
        var k = old.States;
        var initial = new double[k];
        var transition = new double[k][];
        var means = new double[k][];
        var variances = new double[k][];
        for (var s = 0; s < k; s++)
        {
            initial[s] = gamma[0, s];
            var rowSum = 0.0;
            for (var j = 0; j < k; j++)
            {
                rowSum += xi[s, j];
            }

            transition[s] = new double[k];
            for (var j = 0; j < k; j++)
            {
                transition[s][j] = rowSum > 0 ? xi[s, j] / rowSum : old.Transition[s][j];
            }

            var weight = 0.0;
            for (var t = 0; t < n; t++)
            {
                weight += gamma[t, s];
            }

            means[s] = (double[])old.Means[s].Clone();
            variances[s] = (double[])old.Variances[s].Clone();
            if (weight < 1e-8)
            {
                // A state nobody visits keeps its parameters rather than dividing by nothing.
                continue;
            }

            for (var d = 0; d < dims; d++)
            {
                var m = 0.0;
                for (var t = 0; t < n; t++)
                {
                    m += gamma[t, s] * x[t][d];
                }

                m /= weight;
                var v = 0.0;
                for (var t = 0; t < n; t++)
                {
                    var diff = x[t][d] - m;
                    v += gamma[t, s] * diff * diff;
                }

                means[s][d] = m;
                variances[s][d] = Math.Max(v / weight, floorFraction * dataVariance[d]);
            }
        }

        return new HmmParameters(initial, transition, means, variances);
    }

    /// <summary>
    /// Restart 0 starts from equal means and variances spread geometrically from a quarter to four times the data's;
    /// later restarts draw means, variance factors and persistence from Philox under (seed, restart).
    /// </summary>
    private static HmmParameters Initialize(HmmFitOptions options, int restart, double[] mean, double[] variance, int dims)
    {
        var k = options.States;
        var random = new PathRandom(options.Seed, RandomStream.HmmRestarts, restart);
        var initial = new double[k];
        var transition = new double[k][];
        var means = new double[k][];
        var variances = new double[k][];
        for (var s = 0; s < k; s++)
        {
            initial[s] = 1.0 / k;
            var stay = restart == 0 ? 0.9 : 0.7 + (0.29 * random.NextUniform());
            transition[s] = new double[k];
            for (var j = 0; j < k; j++)
            {
                transition[s][j] = j == s ? stay : (1 - stay) / (k - 1);
            }

            means[s] = new double[dims];
            variances[s] = new double[dims];
            var spread = Math.Pow(4, ((2.0 * s) / (k - 1)) - 1);
            for (var d = 0; d < dims; d++)
            {
                var sd = Math.Sqrt(variance[d]);
                means[s][d] = restart == 0 ? mean[d] : mean[d] + (sd * (random.NextUniform() - 0.5));
                variances[s][d] = variance[d] * (restart == 0 ? spread : Math.Exp(3 * (random.NextUniform() - 0.5)));
            }
        }

        return new HmmParameters(initial, transition, means, variances);
    }

    private static (double[] Mean, double[] Variance) Moments(IReadOnlyList<double[]> x, int dims)
    {
        var mean = new double[dims];
        var variance = new double[dims];
        foreach (var row in x)
        {
            if (row.Length != dims)
            {
                throw new ArgumentException("observation rows have different lengths");
            }

            for (var d = 0; d < dims; d++)
            {
                if (!double.IsFinite(row[d]))
                {
                    throw new ArgumentException("observations must be finite");
                }

                mean[d] += row[d];
            }
        }

        for (var d = 0; d < dims; d++)
        {
            mean[d] /= x.Count;
            foreach (var row in x)
            {
                variance[d] += (row[d] - mean[d]) * (row[d] - mean[d]);
            }

            variance[d] /= x.Count;
        }

        return (mean, variance);
    }

    /// <summary>Scaled emissions, forward variables and scales of one model over one sequence.</summary>
    private sealed class Workspace(HmmParameters model, int n)
    {
        public double[,] B { get; } = new double[n, model.States];

        public double[] Offset { get; } = new double[n];

        public double[,] Alpha { get; } = new double[n, model.States];

        public double[] Scale { get; } = new double[n];

        /// <summary>b[t, k] = exp(log density - max over states): at least one entry per step is 1.</summary>
        public void Emissions(HmmParameters m, IReadOnlyList<double[]> x)
        {
            var k = m.States;
            Span<double> logs = stackalloc double[k];
            for (var t = 0; t < x.Count; t++)
            {
                var max = double.NegativeInfinity;
                for (var s = 0; s < k; s++)
                {
                    logs[s] = LogDensity(m, s, x[t]);
                    max = Math.Max(max, logs[s]);
                }

                Offset[t] = max;
                for (var s = 0; s < k; s++)
                {
                    B[t, s] = Math.Exp(logs[s] - max);
                }
            }
        }

        public double Forward(HmmParameters m)
        {
            var k = m.States;
            var logL = 0.0;
            for (var t = 0; t < Scale.Length; t++)
            {
                var c = 0.0;
                for (var s = 0; s < k; s++)
                {
                    double a;
                    if (t == 0)
                    {
                        a = m.Initial[s];
                    }
                    else
                    {
                        a = 0;
                        for (var j = 0; j < k; j++)
                        {
                            a += Alpha[t - 1, j] * m.Transition[j][s];
                        }
                    }

                    Alpha[t, s] = a * B[t, s];
                    c += Alpha[t, s];
                }

                if (!(c > 0))
                {
                    return double.NegativeInfinity;
                }

                for (var s = 0; s < k; s++)
                {
                    Alpha[t, s] /= c;
                }

                Scale[t] = c;
                logL += Math.Log(c) + Offset[t];
            }

            return logL;
        }
    }
}
