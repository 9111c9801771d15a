using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Tests.Regimes;

public class GaussianHmmTests
{
    private static HmmParameters TwoState() => new(
        [0.5, 0.5],
        [[0.98, 0.02], [0.04, 0.96]],
        [[0.0008], [-0.0015]],
        [[0.008 * 0.008], [0.025 * 0.025]]);

    private static HmmParameters ThreeState() => new(
        [1 / 3.0, 1 / 3.0, 1 / 3.0],
        [[0.97, 0.02, 0.01], [0.02, 0.96, 0.02], [0.02, 0.03, 0.95]],
        [[0.001], [0.0], [-0.002]],
        [[0.006 * 0.006], [0.012 * 0.012], [0.03 * 0.03]]);

    [Fact]
    public void TwoStateProcess_ParametersAreRecovered()
    {
        var truth = TwoState();
        var (states, x) = HmmSimulator.Simulate(truth, 4000, seed: 1);
        var fit = GaussianHmm.Fit(x, new HmmFitOptions { States = 2, Seed = 3 });
        AssertRecovered(truth, fit, states);
        Assert.Equal(["calm", "turbulent"], fit.Labels);
        Assert.True(fit.Converged);
        Assert.Equal(fit.RestartLogLikelihoods.Max(), fit.LogLikelihood);
    }

    [Fact]
    public void ThreeStateProcess_ParametersAreRecovered()
    {
        var truth = ThreeState();
        var (states, x) = HmmSimulator.Simulate(truth, 8000, seed: 2);
        var fit = GaussianHmm.Fit(x, new HmmFitOptions { States = 3, Seed = 5 });
        AssertRecovered(truth, fit, states);
        Assert.Equal(["calm-bull", "choppy", "turbulent-bear"], fit.Labels);
    }

    [Fact]
    public void TwoStateProcessWithVolatilityFeature_ParametersAreRecovered()
    {
        // Dimension 1 mimics a log range: larger and more dispersed in the turbulent state.
        var truth = new HmmParameters(
            [0.5, 0.5],
            [[0.97, 0.03], [0.05, 0.95]],
            [[0.0005, 0.008], [-0.001, 0.02]],
            [[0.01 * 0.01, 0.002 * 0.002], [0.02 * 0.02, 0.006 * 0.006]]);
        var (states, x) = HmmSimulator.Simulate(truth, 3000, seed: 12);
        var fit = GaussianHmm.Fit(x, new HmmFitOptions { States = 2, Seed = 1 });
        AssertRecovered(truth, fit, states);
        for (var k = 0; k < 2; k++)
        {
            var visits = states.Count(s => s == k);
            var sd = Math.Sqrt(truth.Variances[k][1]);
            Assert.InRange(fit.Model.Means[k][1], truth.Means[k][1] - (6 * sd / Math.Sqrt(visits)), truth.Means[k][1] + (6 * sd / Math.Sqrt(visits)));
        }

        // With the range feature the states are nearly certain: the Viterbi path matches the truth almost everywhere.
        var agreement = GaussianHmm.Viterbi(fit.Model, x).Zip(states).Count(p => p.First == p.Second) / (double)states.Length;
        Assert.True(agreement > 0.97, $"agreement {agreement}");
    }

    /// <summary>
    /// Tolerances of four standard errors given the true number of visits n_k: mean sd/sqrt(n_k), standard deviation
    /// (relative) 1/sqrt(2 n_k), persistence sqrt(p(1 - p)/n_k); plus a 50% allowance for not knowing the states.
    /// </summary>
    private static void AssertRecovered(HmmParameters truth, HmmFit fit, int[] states)
    {
        for (var k = 0; k < truth.States; k++)
        {
            var visits = states.Count(s => s == k);
            var sd = Math.Sqrt(truth.Variances[k][0]);
            var p = truth.Transition[k][k];
            Assert.InRange(fit.Model.Means[k][0], truth.Means[k][0] - (6 * sd / Math.Sqrt(visits)), truth.Means[k][0] + (6 * sd / Math.Sqrt(visits)));
            Assert.InRange(Math.Sqrt(fit.Model.Variances[k][0]) / sd, 1 - (6 / Math.Sqrt(2.0 * visits)), 1 + (6 / Math.Sqrt(2.0 * visits)));
            Assert.InRange(fit.Model.Transition[k][k], p - (6 * Math.Sqrt(p * (1 - p) / visits)), p + (6 * Math.Sqrt(p * (1 - p) / visits)));
            Assert.Equal(1 / (1 - fit.Model.Transition[k][k]), fit.ExpectedDurations[k], 9);
        }
    }

    [Fact]
    public void FilteredProbabilities_DoNotChangeWhenFutureObservationsAreAppended()
    {
        var model = TwoState();
        var (_, x) = HmmSimulator.Simulate(model, 300, seed: 9);
        var early = GaussianHmm.Filter(model, x[..200]);
        var late = GaussianHmm.Filter(model, x);
        for (var t = 0; t < 200; t++)
        {
            Assert.Equal(early[t], late[t]);
        }
    }

    [Theory]
    [InlineData(2, 6)]
    [InlineData(3, 5)]
    public void ForwardFilterAndViterbi_MatchEnumerationOfAllStatePaths(int k, int n)
    {
        var model = k == 2
            ? new HmmParameters([0.6, 0.4], [[0.7, 0.3], [0.2, 0.8]], [[0.0, 1.0], [1.0, 0.0]], [[1.0, 0.5], [2.0, 1.5]])
            : new HmmParameters([0.5, 0.3, 0.2], [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.4, 0.5]], [[-1.0], [0.0], [1.5]], [[0.5], [1.0], [2.0]]);
        var x = Enumerable.Range(0, n).Select(t => model.Dimensions == 2 ? new[] { Math.Sin(t), Math.Cos(t * 1.3) } : new[] { Math.Sin(t * 1.7) * 1.5 }).ToArray();

        double Joint(int[] path, int length)
        {
            var p = model.Initial[path[0]] * Math.Exp(GaussianHmm.LogDensity(model, path[0], x[0]));
            for (var t = 1; t < length; t++)
            {
                p *= model.Transition[path[t - 1]][path[t]] * Math.Exp(GaussianHmm.LogDensity(model, path[t], x[t]));
            }

            return p;
        }

        IEnumerable<int[]> Paths(int length) => Enumerable.Range(0, (int)Math.Pow(k, length)).Select(code =>
        {
            var path = new int[length];
            for (var t = 0; t < length; t++, code /= k)
            {
                path[t] = code % k;
            }

            return path;
        });

        var all = Paths(n).ToArray();
        Assert.Equal(Math.Log(all.Sum(p => Joint(p, n))), GaussianHmm.LogLikelihood(model, x), 10);
        var best = all.MaxBy(p => Joint(p, n))!;
        Assert.Equal(best, GaussianHmm.Viterbi(model, x));

        var filtered = GaussianHmm.Filter(model, x);
        for (var t = 0; t < n; t++)
        {
            var prefixes = Paths(t + 1).ToArray();
            var total = prefixes.Sum(p => Joint(p, t + 1));
            for (var s = 0; s < k; s++)
            {
                var inState = prefixes.Where(p => p[t] == s).Sum(p => Joint(p, t + 1));
                Assert.Equal(inState / total, filtered[t][s], 12);
            }
        }
    }

    [Fact]
    public void States_AreOrderedByVolatilityWithPermutedTransitions()
    {
        var model = new HmmParameters([0.2, 0.8], [[0.9, 0.1], [0.3, 0.7]], [[-0.01], [0.002]], [[0.04], [0.01]]);
        var ordered = GaussianHmm.OrderByVolatility(model);
        Assert.Equal([0.8, 0.2], ordered.Initial);
        Assert.Equal([0.7, 0.3], ordered.Transition[0]);
        Assert.Equal([0.1, 0.9], ordered.Transition[1]);
        Assert.Equal([0.01], ordered.Variances[0]);
        Assert.Equal(GaussianHmm.LogLikelihood(model, [[0.01], [-0.02]]), GaussianHmm.LogLikelihood(ordered, [[0.01], [-0.02]]), 12);
    }

    [Fact]
    public void DegenerateInputs_GiveClearErrors()
    {
        var constant = Enumerable.Repeat(new[] { 0.0 }, 100).ToArray();
        Assert.Contains("constant prices", Assert.Throws<ArgumentException>(() => GaussianHmm.Fit(constant, new HmmFitOptions())).Message, StringComparison.Ordinal);
        var few = Enumerable.Range(0, 30).Select(i => new[] { Math.Sin(i) }).ToArray();
        Assert.Contains("too few observations", Assert.Throws<ArgumentException>(() => GaussianHmm.Fit(few, new HmmFitOptions())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianHmm.Fit(few, new HmmFitOptions { States = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianHmm.Fit(few, new HmmFitOptions { States = 1 }));
    }

    [Fact]
    public void Fit_IsReproducibleForASeed()
    {
        var (_, x) = HmmSimulator.Simulate(TwoState(), 600, seed: 4);
        var a = GaussianHmm.Fit(x, new HmmFitOptions { Seed = 8 });
        var b = GaussianHmm.Fit(x, new HmmFitOptions { Seed = 8 });
        Assert.Equal(a.LogLikelihood, b.LogLikelihood);
        Assert.Equal(a.Model.Transition[0], b.Model.Transition[0]);
        Assert.Equal(a.RestartLogLikelihoods, b.RestartLogLikelihoods);
    }
}
