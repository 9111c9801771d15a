using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based generator,
/// so the numbers for any (key, counter) are computed directly, without a stream to advance. Verified against the
/// Random123 known-answer vectors. The vector form keeps one 32-bit word per 64-bit lane.
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9;
    private const uint W1 = 0xBB67AE85;
    private const int Rounds = 10;

    /// <summary>One block: 4 output words for counter (c0..c3) and key (k0, k1).</summary>
    public static (uint R0, uint R1, uint R2, uint R3) Generate(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < Rounds; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            var p0 = (ulong)M0 * c0;
            var p1 = (ulong)M1 * c2;
            var n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            var n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c1 = (uint)p1;
            c3 = (uint)p0;
            c0 = n0;
            c2 = n2;
        }

        return (c0, c1, c2, c3);
    }

    /// <summary>The per-round keys (broadcast) for <see cref="Generate(ref Vector{ulong}, ref Vector{ulong}, ref Vector{ulong}, ref Vector{ulong}, ReadOnlySpan{Vector{ulong}})"/>.</summary>
    internal static void RoundKeys(uint k0, uint k1, Span<Vector<ulong>> keys)
    {
        for (var round = 0; round < Rounds; round++)
        {
            keys[2 * round] = new Vector<ulong>(k0);
            keys[(2 * round) + 1] = new Vector<ulong>(k1);
            k0 += W0;
            k1 += W1;
        }
    }

    /// <summary>Number of vectors <see cref="RoundKeys"/> fills.</summary>
    internal const int RoundKeyCount = 2 * Rounds;

    /// <summary>Philox on every lane: each lane holds one 32-bit word (upper half zero) in and out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Generate(ref Vector<ulong> c0, ref Vector<ulong> c1, ref Vector<ulong> c2, ref Vector<ulong> c3, ReadOnlySpan<Vector<ulong>> roundKeys)
    {
        _ = roundKeys[(2 * Rounds) - 1];
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[0], roundKeys[1]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[2], roundKeys[3]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[4], roundKeys[5]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[6], roundKeys[7]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[8], roundKeys[9]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[10], roundKeys[11]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[12], roundKeys[13]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[14], roundKeys[15]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[16], roundKeys[17]);
        Round(ref c0, ref c1, ref c2, ref c3, roundKeys[18], roundKeys[19]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector<ulong> c0, ref Vector<ulong> c1, ref Vector<ulong> c2, ref Vector<ulong> c3, Vector<ulong> k0, Vector<ulong> k1)
    {
        var low = new Vector<ulong>(0xFFFF_FFFFUL);
        var p0 = Multiply(c0, M0);
        var p1 = Multiply(c2, M1);
        var n0 = (p1 >>> 32) ^ c1 ^ k0;
        var n2 = (p0 >>> 32) ^ c3 ^ k1;
        c1 = p1 & low;
        c3 = p0 & low;
        c0 = n0;
        c2 = n2;
    }

    /// <summary>32x32 to 64-bit products per lane; one vpmuludq where AVX2 runs <see cref="Vector{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> Multiply(Vector<ulong> a, uint m)
    {
        if (Avx2.IsSupported && Vector<byte>.Count == 32)
        {
            return Avx2.Multiply(a.AsVector256().AsUInt32(), Vector256.Create(m)).AsVector();
        }

        return a * new Vector<ulong>(m);
    }
}
