using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

/// <summary>
/// Exact bits of a few results, recorded once. They pin the random-number layout and the arithmetic, so a change of
/// algorithm (or a platform that computes differently) shows up here instead of as batches that silently disagree.
/// </summary>
public class GoldenValuesTests
{
    [Fact]
    public void NormalsFromFixedWords_HaveTheRecordedBits()
    {
        var (z0, z1) = NormalSampler.FromWords(0x1234_5678u, 0x9ABC_DEF0u);
        Assert.Equal(-4612488769502630085L, BitConverter.DoubleToInt64Bits(z0));
        Assert.Equal(-4614374942327734240L, BitConverter.DoubleToInt64Bits(z1));
    }

    [Fact]
    public void SmallGbmRun_HasTheRecordedBits()
    {
        var report = new MonteCarloEngine(new GbmModel(0.0004, 0.015), new MonteCarloSpec { Horizon = 21, Paths = 10_000, Seed = 2024 }).Run(3);
        Assert.Equal(4591991650819580728L, BitConverter.DoubleToInt64Bits(report.Tail[0].ValueAtRisk));
        Assert.Equal(4595100225099007452L, BitConverter.DoubleToInt64Bits(report.Tail[1].ConditionalValueAtRisk));
        Assert.Equal(4576403361066501285L, BitConverter.DoubleToInt64Bits(report.TerminalMean));
        Assert.Equal(4589292136085702319L, BitConverter.DoubleToInt64Bits(report.DrawdownMean));
    }
}
