using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Regimes;
using MarketIntel.Core.Risk;
using MathNet.Numerics.Distributions;

namespace MarketIntel.Core.Tests.Risk;

public class MonteCarloEngineTests
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static MonteCarloSpec Spec(long paths, int horizon = 20, ulong seed = 7) => new()
    {
        Horizon = horizon,
        Paths = paths,
        Seed = seed,
        Confidences = [0.95, 0.99],
        LossThresholds = [0.02, 0.1],
        HistogramBins = 40,
    };

    /// <summary>The report as text, without the echoed batch count: the part that must not depend on batching.</summary>
    private static string Results(MonteCarloReport report) => JsonSerializer.Serialize(report with { Inputs = report.Inputs with { Batches = 0 } }, Json);

    [Theory]
    [InlineData(1000L, 3)]
    [InlineData(1000L, 7)]
    [InlineData(8193L, 2)]
    [InlineData(20_001L, 4)]
    [InlineData(20_001L, 13)]
    [InlineData(100_003L, 3)]
    public void BatchesMergedInAnyOrder_AreBitIdenticalToOneBatch(long paths, int batches)
    {
        var engine = new MonteCarloEngine(new GbmModel(0.0003, 0.015), Spec(paths));
        var single = Results(engine.Run(1, maxDegreeOfParallelism: 1));

        Assert.Equal(single, Results(engine.Run(batches, maxDegreeOfParallelism: 2)));

        // Batches "executed elsewhere": serialized, shipped, merged in reverse order.
        var shipped = MonteCarloEngine.Split(paths, batches)
            .Select(b => JsonSerializer.Serialize(engine.RunBatch(b.FirstPath, b.Count), Json))
            .Reverse()
            .Select(text => JsonSerializer.Deserialize<MonteCarloBatchSummary>(text, Json)!)
            .ToArray();
        Assert.Equal(single, Results(engine.Report(MonteCarloBatchSummary.Merge(shipped), batches)));

        // Merging is associative: merge pairs first, then the pairs.
        var pairs = shipped.Chunk(2).Select(MonteCarloBatchSummary.Merge).ToArray();
        Assert.Equal(single, Results(engine.Report(MonteCarloBatchSummary.Merge(pairs), batches)));
    }

    [Fact]
    public void FanOutLaw_HoldsForBootstrapPortfolioAndRegimeModels()
    {
        var history = new double[250];
        var random = new Random(3);
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = (random.NextDouble() - 0.49) * 0.04;
        }

        IPathModel[] models =
        [
            new BootstrapModel(history, 5),
            new PortfolioGbmModel([0.0004, 0.0002, 0.0003], [0.02, 0.01, 0.015], new double[,] { { 1, 0.3, 0.5 }, { 0.3, 1, 0.2 }, { 0.5, 0.2, 1 } }, [0.5, 0.3, 0.2]),
            new RegimeSwitchingModel(new HmmParameters([0.5, 0.5], [[0.9, 0.1], [0.2, 0.8]], [[0.001], [-0.002]], [[0.0001], [0.0009]]), [0.3, 0.7]),
        ];
        foreach (var model in models)
        {
            var engine = new MonteCarloEngine(model, Spec(3001, horizon: 15));
            Assert.Equal(Results(engine.Run(1, 1)), Results(engine.Run(5, 2)));
        }
    }

    [Fact]
    public void Merge_RejectsOverlapsGapsAndOtherRuns()
    {
        var engine = new MonteCarloEngine(new GbmModel(0, 0.01), Spec(100));
        var a = engine.RunBatch(0, 50);
        var b = engine.RunBatch(40, 60);
        var c = engine.RunBatch(60, 40);
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => MonteCarloBatchSummary.Merge([a, b])).Message, StringComparison.Ordinal);
        Assert.Contains("gap", Assert.Throws<ArgumentException>(() => MonteCarloBatchSummary.Merge([a, c])).Message, StringComparison.Ordinal);
        var other = new MonteCarloEngine(new GbmModel(0, 0.02), Spec(100)).RunBatch(50, 50);
        Assert.Contains("different run", Assert.Throws<ArgumentException>(() => MonteCarloBatchSummary.Merge([a, other])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => engine.Report(a, 1));
    }

    [Fact]
    public void SameSeed_GivesTheSameReport_AnotherSeedDoesNot()
    {
        var model = new GbmModel(0.0002, 0.01);
        var first = Results(new MonteCarloEngine(model, Spec(5000, seed: 99)).Run(3));
        Assert.Equal(first, Results(new MonteCarloEngine(model, Spec(5000, seed: 99)).Run(3)));
        Assert.NotEqual(first, Results(new MonteCarloEngine(model, Spec(5000, seed: 100)).Run(3)));
    }

    [Fact]
    public void GbmVarAndCVar_MatchLognormalClosedFormWithinFourStandardErrors()
    {
        const double mu = 0.0004, sigma = 0.015;
        const int horizon = 20;
        const long paths = 200_000;
        var engine = new MonteCarloEngine(new GbmModel(mu, sigma), Spec(paths, horizon) with { LossThresholds = [0.05, 0.1] });
        var report = engine.Run(4);

        var m = horizon * (Math.Log(1 + mu) - (0.5 * sigma * sigma));
        var s = sigma * Math.Sqrt(horizon);
        foreach (var tail in report.Tail)
        {
            var alpha = 1 - tail.Confidence;
            var z = Normal.InvCDF(0, 1, alpha);
            var q = Math.Exp(m + (s * z)) - 1;
            var cvar = 1 - (Math.Exp(m + (s * s / 2)) * Normal.CDF(0, 1, z - s) / alpha);
            // Asymptotic standard errors: quantile sqrt(a(1-a)/N)/f(q); expected shortfall
            // sqrt((Var(R | R <= q) + (1 - a)(q - E[R | R <= q])^2) / (a N)).
            var density = Normal.PDF(0, 1, z) / ((1 + q) * s);
            var seVar = Math.Sqrt(alpha * (1 - alpha) / paths) / density;
            var tailMean = Math.Exp(m + (s * s / 2)) * Normal.CDF(0, 1, z - s) / alpha;
            var tailSquare = Math.Exp((2 * m) + (2 * s * s)) * Normal.CDF(0, 1, z - (2 * s)) / alpha;
            var tailVariance = tailSquare - (tailMean * tailMean);
            var seCvar = Math.Sqrt((tailVariance + ((1 - alpha) * Math.Pow(q + 1 - tailMean, 2))) / (alpha * paths));
            Assert.InRange(tail.ValueAtRisk, -q - (4 * seVar), -q + (4 * seVar));
            Assert.InRange(tail.ConditionalValueAtRisk, cvar - (4 * seCvar), cvar + (4 * seCvar));
            Assert.True(tail.ConditionalValueAtRisk > tail.ValueAtRisk);
            Assert.Equal((int)Math.Ceiling(alpha * paths - 1e-9), tail.TailCount);
        }

        var mean = Math.Pow(1 + mu, horizon) - 1;
        var sd = Math.Sqrt((Math.Exp(s * s) - 1) * Math.Exp((2 * m) + (s * s)));
        Assert.InRange(report.TerminalMean, mean - (4 * sd / Math.Sqrt(paths)), mean + (4 * sd / Math.Sqrt(paths)));
        Assert.InRange(report.TerminalStandardDeviation, sd * 0.99, sd * 1.01);
        foreach (var loss in report.Losses)
        {
            var p = Normal.CDF(0, 1, (Math.Log(1 - loss.Threshold) - m) / s);
            var se = Math.Sqrt(p * (1 - p) / paths);
            Assert.InRange(loss.Probability, p - (4 * se), p + (4 * se));
        }

        Assert.Equal(paths, report.Histogram.Counts.Sum() + report.Histogram.Underflow + report.Histogram.Overflow);
        Assert.Equal(paths, report.DrawdownHistogram.Sum());
    }

    [Fact]
    public void SharpeInterval_MatchesStudentTOfDriftlessLogReturns()
    {
        // With zero log drift, a path's Sharpe ratio is t(H - 1) * sqrt(periodsPerYear / H) exactly.
        const double sigma = 0.01;
        const int horizon = 20;
        const long paths = 100_000;
        var report = new MonteCarloEngine(new GbmModel(Math.Exp(sigma * sigma / 2) - 1, sigma), Spec(paths, horizon)).Run(2);
        var scale = Math.Sqrt(252.0 / horizon);
        var t = StudentT.InvCDF(0, 1, horizon - 1, 0.975);
        var se = Math.Sqrt(0.025 * 0.975 / paths) / StudentT.PDF(0, 1, horizon - 1, t) * scale;
        Assert.InRange(report.SharpeHigh, (t * scale) - (4 * se), (t * scale) + (4 * se));
        Assert.InRange(report.SharpeLow, (-t * scale) - (4 * se), (-t * scale) + (4 * se));
        var sdT = Math.Sqrt((horizon - 1.0) / (horizon - 3.0)) * scale;
        Assert.InRange(report.SharpeMean, -4 * sdT / Math.Sqrt(paths), 4 * sdT / Math.Sqrt(paths));
        Assert.Equal(paths, report.SharpePaths);
    }

    [Fact]
    public void ZeroVolatility_GivesTheDeterministicPath()
    {
        var report = new MonteCarloEngine(new GbmModel(-0.001, 0), Spec(100, horizon: 10)).Run(3);
        var r = Math.Pow(0.999, 10) - 1;
        Assert.Equal(r, report.TerminalMean, 1e-12);
        Assert.Equal(-r, report.Tail[0].ValueAtRisk, 1e-12);
        Assert.Equal(-r, report.DrawdownMean, 1e-12);
        Assert.Equal(0, report.SharpePaths);
        Assert.True(double.IsNaN(report.SharpeMean));
    }

    [Fact]
    public void ExplosiveParameters_AreAClearErrorNotAnOverflow()
    {
        var engine = new MonteCarloEngine(new GbmModel(1.0, 0.1), Spec(10, horizon: 40));
        Assert.Contains("beyond the supported range", Assert.Throws<ArgumentException>(() => engine.Run()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    public void ConfidenceOutsideTheOpenUnitInterval_IsRejected(double confidence)
    {
        var spec = Spec(100) with { Confidences = [confidence] };
        Assert.Contains("confidence", Assert.Throws<ArgumentException>(() => new MonteCarloEngine(new GbmModel(0, 0.01), spec)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_RecordsItsInputs()
    {
        var report = new MonteCarloEngine(new GbmModel(0.001, 0.02), Spec(500, horizon: 5, seed: 12)).Run(2);
        Assert.Equal("gbm", report.Inputs.Model);
        Assert.Equal([0.001], report.Inputs.Parameters["mu"]);
        Assert.Equal([0.02], report.Inputs.Parameters["sigma"]);
        Assert.Equal((12UL, 500L, 5, 2), (report.Inputs.Seed, report.Inputs.Paths, report.Inputs.Horizon, report.Inputs.Batches));
        Assert.StartsWith("MarketIntel.Core ", report.Inputs.CodeVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void MergingSortedExtremes_EqualsSortingTheUnion()
    {
        var random = new Random(8);
        for (var trial = 0; trial < 50; trial++)
        {
            var a = Enumerable.Range(0, random.Next(0, 40)).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 40)).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray();
            var keep = random.Next(1, 50);
            foreach (var descending in new[] { false, true })
            {
                var expected = MonteCarloBatchSummary.Extremes([.. a, .. b], keep, descending);
                var merged = MonteCarloBatchSummary.MergeExtremes(
                    MonteCarloBatchSummary.Extremes(a, keep, descending), MonteCarloBatchSummary.Extremes(b, keep, descending), keep, descending);
                Assert.Equal(expected, merged);
            }
        }
    }

    [Fact]
    public void TailCount_UsesTheDecimalConfidence()
    {
        // In binary, (1 - 0.99) * 1000 is 10.000000000000009; the documented convention says 10.
        Assert.Equal(10, MonteCarloSpec.TailCount(0.99, 1000));
        Assert.Equal(50, MonteCarloSpec.TailCount(0.95, 1000));
        Assert.Equal(1, MonteCarloSpec.TailCount(0.999, 10));
    }
}
