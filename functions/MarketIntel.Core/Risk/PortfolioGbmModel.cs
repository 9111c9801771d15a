using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Several assets under correlated GBM, held buy-and-hold from initial weights (normalized to sum to 1): asset k's
/// log step is <c>mu_k - sigma_k^2/2 + (L z)_k</c> with L the Cholesky factor of <c>sigma_i sigma_j rho_ij</c>.
/// The portfolio's log-equity path goes through the shared <see cref="Drawdowns"/>.
/// </summary>
public sealed class PortfolioGbmModel : IPathModel
{
    private readonly double[] _drift;
    private readonly double[,] _factor;
    private readonly double[] _weights;

    public PortfolioGbmModel(double[] mu, double[] sigma, double[,] correlation, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(correlation);
        ArgumentNullException.ThrowIfNull(weights);
        var n = mu.Length;
        if (n == 0 || sigma.Length != n || weights.Length != n || correlation.GetLength(0) != n || correlation.GetLength(1) != n)
        {
            throw new ArgumentException($"mu, sigma, weights and the correlation matrix must all describe the same {n} assets");
        }

        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentException("weights must be finite and non-negative", nameof(weights));
            }

            total += w;
        }

        if (total <= 0)
        {
            throw new ArgumentException("weights must not all be zero", nameof(weights));
        }

        var covariance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(mu[i]) || mu[i] <= -1 || !double.IsFinite(sigma[i]) || sigma[i] < 0)
            {
                throw new ArgumentException($"asset {i}: mu must be finite above -1 and sigma finite and non-negative");
            }

            for (var j = 0; j < n; j++)
            {
                var rho = correlation[i, j];
                if (!(Math.Abs(rho) <= 1) || (i == j && rho != 1))
                {
                    throw new ArgumentException($"correlation[{i},{j}] = {rho} is not a correlation (|rho| <= 1, ones on the diagonal)", nameof(correlation));
                }

                covariance[i, j] = sigma[i] * sigma[j] * rho;
            }
        }

        _factor = Cholesky.Decompose(covariance);
        _drift = new double[n];
        _weights = new double[n];
        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            _drift[i] = PortableMath.Log(1 + mu[i]) - (0.5 * sigma[i] * sigma[i]);
            _weights[i] = weights[i] / total;
            for (var j = 0; j < n; j++)
            {
                flat[(i * n) + j] = correlation[i, j];
            }
        }

        var m = 0.0;
        var v = 0.0;
        for (var i = 0; i < n; i++)
        {
            m += _weights[i] * _drift[i];
            for (var j = 0; j < n; j++)
            {
                v += _weights[i] * _weights[j] * covariance[i, j];
            }
        }

        StepLogMean = m;
        StepLogStandardDeviation = Math.Sqrt(v);
        Parameters = new Dictionary<string, double[]>
        {
            ["mu"] = (double[])mu.Clone(),
            ["sigma"] = (double[])sigma.Clone(),
            ["correlation"] = flat,
            ["weights"] = (double[])_weights.Clone(),
        };
    }

    public string Name => "portfolio-gbm";

    public IReadOnlyDictionary<string, double[]> Parameters { get; }

    public double StepLogMean { get; }

    public double StepLogStandardDeviation { get; }

    public void Simulate(ulong seed, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares)
    {
        var n = _drift.Length;
        var x = new double[n];
        var z = new double[n + 1];
        var logEquity = new double[horizon + 1];
        for (var i = 0; i < terminalLog.Length; i++)
        {
            var random = new PathRandom(seed, RandomStream.PortfolioNormals, firstPath + i);
            Array.Clear(x);
            var squares = 0.0;
            for (var step = 1; step <= horizon; step++)
            {
                for (var k = 0; k < n; k += 2)
                {
                    (z[k], z[k + 1]) = random.NextNormalPair();
                }

                var value = 0.0;
                for (var a = 0; a < n; a++)
                {
                    var shock = 0.0;
                    for (var k = 0; k <= a; k++)
                    {
                        shock += _factor[a, k] * z[k];
                    }

                    x[a] += _drift[a] + shock;
                    value += _weights[a] * PortableMath.Exp(x[a]);
                }

                logEquity[step] = PortableMath.Log(value);
                var dx = logEquity[step] - logEquity[step - 1];
                squares += dx * dx;
            }

            terminalLog[i] = logEquity[horizon];
            minLogDrawdown[i] = Drawdowns.MinLogDrawdown(logEquity);
            sumSquares[i] = squares;
        }
    }
}
