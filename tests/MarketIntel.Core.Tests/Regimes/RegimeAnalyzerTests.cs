using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Tests.Regimes;

public class RegimeAnalyzerTests
{
    [Fact]
    public void RealDailyBars_FitCalmAndTurbulentRegimes()
    {
        var quotes = QuoteCsvReader.ReadFile(MarketIntel.Core.Tests.Indicators.ReferenceData.QuotePath("default.csv"));
        var analysis = RegimeAnalyzer.Analyze(quotes.Bars, new HmmFitOptions { States = 2, Seed = 1 }, includeRange: true);
        var model = analysis.Fit.Model;
        Assert.Equal(quotes.Bars.Count - 1, analysis.Viterbi.Length);
        Assert.Equal(quotes.Bars.Count - 1, analysis.Filtered.Length);
        Assert.True(analysis.Fit.Converged);
        Assert.True(model.Variances[0][0] < model.Variances[1][0]);
        // The range feature agrees: the turbulent state has the wider bars.
        Assert.True(model.Means[0][1] < model.Means[1][1]);
        Assert.All(analysis.Filtered, p => Assert.Equal(1, p.Sum(), 12));
        Assert.All(analysis.Confidence, c => Assert.Equal(1, c.Bullish + c.Neutral + c.Bearish, 12));
        Assert.Contains(analysis.Viterbi, s => s == 0);
        Assert.Contains(analysis.Viterbi, s => s == 1);
    }

    [Fact]
    public void Scorer_WithoutTrend_IsTheProbabilityWeightedStateLean()
    {
        var model = new HmmParameters([0.5, 0.5], [[0.9, 0.1], [0.1, 0.9]], [[0.01], [-0.05]], [[0.0001], [0.0025]]);
        var fit = new HmmFit(model, ["calm", "turbulent"], 0, 1, true, 0, [0], 100);
        // Leans: state 0 mean/sd*sqrt(20) = 1*4.47 -> +1; state 1 = -1*4.47 -> -1.
        var c = RegimeScorer.Score(fit, [0.7, 0.3], null);
        Assert.Equal((0, "calm", 0.7, 0.3), (c.State, c.Label, c.StateProbability, c.Turbulence));
        Assert.Equal(0.7, c.Bullish, 12);
        Assert.Equal(0.3, c.Bearish, 12);
        Assert.Equal(0.4, c.Score, 12);
        var blended = RegimeScorer.Score(fit, [0.7, 0.3], new TrendConfidence(0, 1, 0, 0, 0));
        Assert.Equal(0.35, blended.Bullish, 12);
        Assert.Equal(0.5, blended.Neutral, 12);
    }

    [Fact]
    public void ConstantPricesAndTooFewBars_GiveClearErrors()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var flat = Enumerable.Range(0, 100).Select(i => new Bar(start.AddDays(i), 10, 10, 10, 10, 1)).ToArray();
        Assert.Contains("constant prices", Assert.Throws<ArgumentException>(() => RegimeAnalyzer.Analyze(flat, new HmmFitOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("too few bars", Assert.Throws<ArgumentException>(() => RegimeFeatures.FromBars(flat[..1])).Message, StringComparison.Ordinal);
        Assert.Contains("too few observations", Assert.Throws<ArgumentException>(() => RegimeAnalyzer.Analyze(flat[..10], new HmmFitOptions())).Message, StringComparison.Ordinal);
    }
}
