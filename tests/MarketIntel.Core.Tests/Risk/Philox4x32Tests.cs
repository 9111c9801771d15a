using System.Numerics;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class Philox4x32Tests
{
    // Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter (4 words), key (2 words), expected (4 words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void KnownAnswerVectors_MatchRandom123(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal((r0, r1, r2, r3), Philox4x32.Generate(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void VectorForm_EqualsScalarFormOnEveryLane()
    {
        var lanes = Vector<ulong>.Count;
        var rng = new Random(7);
        var keys = new Vector<ulong>[Philox4x32.RoundKeyCount];
        Philox4x32.RoundKeys(0xa4093822u, 0x299f31d0u, keys);
        for (var trial = 0; trial < 200; trial++)
        {
            var words = new ulong[4][];
            for (var w = 0; w < 4; w++)
            {
                words[w] = new ulong[lanes];
                for (var l = 0; l < lanes; l++)
                {
                    words[w][l] = (uint)rng.NextInt64(0, 1L << 32);
                }
            }

            var c0 = new Vector<ulong>(words[0]);
            var c1 = new Vector<ulong>(words[1]);
            var c2 = new Vector<ulong>(words[2]);
            var c3 = new Vector<ulong>(words[3]);
            Philox4x32.Generate(ref c0, ref c1, ref c2, ref c3, keys);
            for (var l = 0; l < lanes; l++)
            {
                var expected = Philox4x32.Generate((uint)words[0][l], (uint)words[1][l], (uint)words[2][l], (uint)words[3][l], 0xa4093822u, 0x299f31d0u);
                Assert.Equal(expected, ((uint)c0[l], (uint)c1[l], (uint)c2[l], (uint)c3[l]));
            }
        }
    }
}
