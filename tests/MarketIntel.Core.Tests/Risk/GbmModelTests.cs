using MarketIntel.Core.Performance;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class GbmModelTests
{
    private const ulong Seed = 20240607;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Kernel_EqualsPathsRebuiltFromPhiloxWords_AndSharedDrawdownCode(int horizon)
    {
        const int count = 37;
        var model = new GbmModel(0.0004, 0.012);
        var (terminal, worst, squares) = Simulate(model, horizon, firstPath: 1000, count);
        var drift = Math.Log(1.0004) - (0.5 * 0.012 * 0.012);
        for (var i = 0; i < count; i++)
        {
            var path = 1000L + i;
            var logEquity = new double[horizon + 1];
            var z = new double[4];
            var ss = 0.0;
            for (var step = 0; step < horizon; step++)
            {
                if (step % 4 == 0)
                {
                    var (w0, w1, w2, w3) = Philox4x32.Generate((uint)(step / 4), (uint)path, 0, (uint)RandomStream.GbmNormals, (uint)Seed, (uint)(Seed >> 32));
                    (z[0], z[1]) = NormalSampler.FromWords(w0, w1);
                    (z[2], z[3]) = NormalSampler.FromWords(w2, w3);
                }

                var dx = drift + (0.012 * z[step % 4]);
                logEquity[step + 1] = logEquity[step] + dx;
                ss += dx * dx;
            }

            Assert.Equal(logEquity[horizon], terminal[i]);
            Assert.Equal(Drawdowns.MinLogDrawdown(logEquity), worst[i]);
            Assert.Equal(ss, squares[i]);
        }
    }

    [Fact]
    public void Kernel_AgreesWithPlainScalarImplementation()
    {
        const int count = 101;
        const int horizon = 50;
        var (terminal, worst, squares) = Simulate(new GbmModel(0.0003, 0.02), horizon, 0, count);
        var expected = (new double[count], new double[count], new double[count]);
        GbmScalarReference.Simulate(Seed, Math.Log(1.0003) - (0.5 * 0.02 * 0.02), 0.02, horizon, 0, expected.Item1, expected.Item2, expected.Item3);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(expected.Item1[i], terminal[i], 1e-12);
            Assert.Equal(expected.Item2[i], worst[i], 1e-12);
            Assert.Equal(expected.Item3[i], squares[i], 1e-12);
        }
    }

    [Fact]
    public void APath_DoesNotDependOnTheBatchItIsSimulatedIn()
    {
        var model = new GbmModel(0.0, 0.01);
        var whole = Simulate(model, 30, 0, 50);
        foreach (var (first, count) in new[] { (13L, 1), (13L, 5), (10L, 40), (49L, 1) })
        {
            var part = Simulate(model, 30, first, count);
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(whole.Terminal[first + i], part.Terminal[i]);
                Assert.Equal(whole.Worst[first + i], part.Worst[i]);
            }
        }
    }

    [Theory]
    [InlineData(0.001, -0.1)]
    [InlineData(-1.0, 0.1)]
    [InlineData(double.NaN, 0.1)]
    public void InvalidParameters_AreRejected(double mu, double sigma)
    {
        Assert.ThrowsAny<ArgumentException>(() => new GbmModel(mu, sigma));
    }

    private static (double[] Terminal, double[] Worst, double[] Squares) Simulate(IPathModel model, int horizon, long firstPath, int count)
    {
        var result = (new double[count], new double[count], new double[count]);
        model.Simulate(Seed, horizon, firstPath, result.Item1, result.Item2, result.Item3);
        return result;
    }
}
