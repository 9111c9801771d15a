using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class PortableMathTests
{
    private static double Ulps(double actual, double expected) =>
        expected == actual ? 0 : Math.Abs(actual - expected) / (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));

    [Fact]
    public void Exp_IsWithinTwoUlpOfTheMathLibrary()
    {
        var random = new Random(1);
        for (var i = 0; i < 100_000; i++)
        {
            var x = (random.NextDouble() - 0.5) * (i % 10 == 0 ? 1400 : 40);
            Assert.True(Ulps(PortableMath.Exp(x), Math.Exp(x)) <= 2, $"exp({x:R}): {PortableMath.Exp(x):R} vs {Math.Exp(x):R}");
        }
    }

    [Fact]
    public void Log_IsWithinTwoUlpOfTheMathLibrary()
    {
        var random = new Random(2);
        for (var i = 0; i < 100_000; i++)
        {
            var x = i % 3 == 0 ? 1 + ((random.NextDouble() - 0.5) * 1e-3) : Math.Exp((random.NextDouble() - 0.5) * 1400);
            Assert.True(Ulps(PortableMath.Log(x), Math.Log(x)) <= 2, $"log({x:R}): {PortableMath.Log(x):R} vs {Math.Log(x):R}");
        }
    }

    [Fact]
    public void SpecialValues_FollowTheMathLibrary()
    {
        Assert.Equal(1.0, PortableMath.Exp(0));
        Assert.Equal(0.0, PortableMath.Log(1));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(0.0, PortableMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.Equal(Math.Log(double.Epsilon), PortableMath.Log(double.Epsilon), 12);
        Assert.Equal(Math.Exp(-740), PortableMath.Exp(-740), 1e-330);
    }
}
