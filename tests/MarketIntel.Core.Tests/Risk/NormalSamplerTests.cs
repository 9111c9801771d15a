using System.Numerics;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class NormalSamplerTests
{
    private static IEnumerable<(uint A, uint B)> Words()
    {
        var rng = new Random(11);
        // The edges of both words: smallest/largest radius, quadrant and octant boundaries.
        uint[] edges = [0, 1, 2, 0x1FFF_FFFF, 0x2000_0000, 0x5FFF_FFFF, 0x6000_0000, 0xDFFF_FFFF, 0xE000_0000, 0x3FFF_FFFF, 0x4000_0000, 0x7FFF_FFFF, 0x8000_0000, 0xBFFF_FFFF, 0xC000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF];
        foreach (var a in edges)
        {
            foreach (var b in edges)
            {
                yield return (a, b);
            }
        }

        for (var i = 0; i < 20_000; i++)
        {
            yield return ((uint)rng.NextInt64(0, 1L << 32), (uint)rng.NextInt64(0, 1L << 32));
        }
    }

    [Fact]
    public void EachLane_DependsOnlyOnItsOwnWords()
    {
        var lanes = Vector<ulong>.Count;
        var all = Words().ToArray();
        for (var i = 0; i + lanes <= all.Length; i += lanes)
        {
            var a = new ulong[lanes];
            var b = new ulong[lanes];
            for (var l = 0; l < lanes; l++)
            {
                (a[l], b[l]) = (all[i + l].A, all[i + l].B);
            }

            NormalSampler.FromWords(new Vector<ulong>(a), new Vector<ulong>(b), out var z0, out var z1);
            for (var l = 0; l < lanes; l++)
            {
                var (s0, s1) = NormalSampler.FromWords(all[i + l].A, all[i + l].B);
                Assert.Equal(BitConverter.DoubleToInt64Bits(s0), BitConverter.DoubleToInt64Bits(z0[l]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(s1), BitConverter.DoubleToInt64Bits(z1[l]));
            }
        }
    }

    [Fact]
    public void PolynomialBoxMuller_AgreesWithMathLibraryToAFewUlp()
    {
        foreach (var (a, b) in Words())
        {
            var (z0, z1) = NormalSampler.FromWords(a, b);
            var (r0, r1) = GbmScalarReference.BoxMuller(a, b);
            Assert.True(Math.Abs(z0 - r0) <= 1e-14 * Math.Max(1, Math.Abs(r0)), $"z0 for ({a}, {b}): {z0} vs {r0}");
            Assert.True(Math.Abs(z1 - r1) <= 1e-14 * Math.Max(1, Math.Abs(r1)), $"z1 for ({a}, {b}): {z1} vs {r1}");
        }
    }

    [Fact]
    public void PhiloxNormals_HaveStandardNormalMoments()
    {
        const int n = 400_000;
        double sum = 0, squares = 0, fourth = 0, below = 0;
        var random = new PathRandom(42, RandomStream.GbmNormals, 3);
        for (var i = 0; i < n / 2; i++)
        {
            var (z0, z1) = random.NextNormalPair();
            foreach (var z in new[] { z0, z1 })
            {
                sum += z;
                squares += z * z;
                fourth += z * z * z * z;
                below += z < -1.6448536269514722 ? 1 : 0;
            }
        }

        // Four standard errors: mean 1/sqrt(n), variance sqrt(2/n), kurtosis sqrt(96/n), tail fraction sqrt(p(1-p)/n).
        Assert.InRange(sum / n, -4 / Math.Sqrt(n), 4 / Math.Sqrt(n));
        Assert.InRange(squares / n, 1 - (4 * Math.Sqrt(2.0 / n)), 1 + (4 * Math.Sqrt(2.0 / n)));
        Assert.InRange(fourth / n, 3 - (4 * Math.Sqrt(96.0 / n)), 3 + (4 * Math.Sqrt(96.0 / n)));
        Assert.InRange(below / n, 0.05 - (4 * Math.Sqrt(0.0475 / n)), 0.05 + (4 * Math.Sqrt(0.0475 / n)));
    }
}
