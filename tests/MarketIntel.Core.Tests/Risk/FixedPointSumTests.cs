using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class FixedPointSumTests
{
    [Fact]
    public void AnyOrderAndGrouping_GivesTheSameSum()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 5000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 6))).ToArray();
        var forward = values.Aggregate(default(FixedPointSum), (s, v) => s.Add(v));
        var backward = values.Reverse().Aggregate(default(FixedPointSum), (s, v) => s.Add(v));
        var grouped = values.Chunk(37).Select(c => c.Aggregate(default(FixedPointSum), (s, v) => s.Add(v))).Aggregate(default(FixedPointSum), (s, p) => s.Add(p));
        Assert.Equal(forward, backward);
        Assert.Equal(forward, grouped);
        Assert.Equal(values.Sum(), forward.ToDouble(), 1e-9);
    }

    [Fact]
    public void NegativeValues_AndExactFractions_RoundTrip()
    {
        var sum = default(FixedPointSum).Add(-1.25).Add(0.5).Add(-0.125);
        Assert.Equal(-0.875, sum.ToDouble());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2e12)]
    public void ValuesThatCannotBeExact_AreRejected(double value)
    {
        Assert.Throws<OverflowException>(() => default(FixedPointSum).Add(value));
    }
}
