using MarketIntel.Core.Backtesting;
using MathNet.Numerics.Distributions;

namespace MarketIntel.Core.Tests.Backtesting;

/// <summary>Against MathNet.Numerics (an independent implementation) and published table values.</summary>
public sealed class DistributionsTests
{
    [Theory]
    [InlineData(-8.5)]
    [InlineData(-3.2)]
    [InlineData(-2.9)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.3)]
    [InlineData(1.96)]
    [InlineData(2.999)]
    [InlineData(3.001)]
    [InlineData(6)]
    public void NormalCdf_MatchesMathNet(double x)
    {
        var expected = Normal.CDF(0, 1, x);
        Assert.True(Math.Abs(expected - Distributions.NormalCdf(x)) <= 1e-14 + (1e-12 * expected), $"{expected} vs {Distributions.NormalCdf(x)}");
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(0.001)]
    [InlineData(0.025)]
    [InlineData(0.4)]
    [InlineData(0.5)]
    [InlineData(0.975)]
    [InlineData(0.999999)]
    public void NormalQuantile_MatchesMathNet(double p)
    {
        Assert.Equal(Normal.InvCDF(0, 1, p), Distributions.NormalQuantile(p), 1e-9);
    }

    [Fact]
    public void NormalQuantile_HasTheTextbookValues()
    {
        Assert.Equal(1.959963984540054, Distributions.NormalQuantile(0.975), 1e-12);
        Assert.Equal(-2.326347874040841, Distributions.NormalQuantile(0.01), 1e-12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.5)]
    [InlineData(10)]
    [InlineData(171.5)]
    public void LogGamma_MatchesMathNet(double z)
    {
        Assert.Equal(MathNet.Numerics.SpecialFunctions.GammaLn(z), Distributions.LogGamma(z), 1e-12);
    }

    [Theory]
    [InlineData(0.975, 1, 12.706204736174698)]
    [InlineData(0.975, 10, 2.2281388519649385)]
    [InlineData(0.975, 29, 2.045229642132703)]
    [InlineData(0.95, 5, 2.015048372669157)]
    [InlineData(0.005, 3, -5.840909309733349)]
    public void StudentTQuantile_MatchesTables(double p, double df, double expected)
    {
        Assert.Equal(expected, Distributions.StudentTQuantile(p, df), 1e-9);
        Assert.Equal(StudentT.InvCDF(0, 1, df, p), Distributions.StudentTQuantile(p, df), 1e-8);
    }

    [Theory]
    [InlineData(-3, 4)]
    [InlineData(0.7, 2)]
    [InlineData(2.5, 30)]
    public void StudentTCdf_MatchesMathNet(double t, double df)
    {
        Assert.Equal(StudentT.CDF(0, 1, df, t), Distributions.StudentTCdf(t, df), 1e-12);
    }
}
