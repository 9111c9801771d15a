namespace MarketIntel.Core.Risk;

/// <summary>
/// exp and log from IEEE multiply, add, divide and bit operations only. <see cref="Math.Exp"/> and
/// <see cref="Math.Log(double)"/> call the platform's C library, whose last bit may differ between operating systems; batches
/// of one run executed on different machines must agree bit for bit, so everything the Monte Carlo engine derives from
/// a path (and from its inputs) goes through these. Accuracy: within 2 ulp of the correctly rounded result (tested).
/// </summary>
internal static class PortableMath
{
    internal const double Ln2Hi = 6.93147180369123816490e-01;
    internal const double Ln2Lo = 1.90821492927058770002e-10;
    internal const double Sqrt2 = 1.4142135623730951;

    // 2 atanh(s) = 2 (s + s^3/3 + ... + s^19/19): for |s| <= 3 - 2 sqrt(2) the next term is below 1e-17.
    internal const double A1 = 2.0, A3 = 2.0 / 3.0, A5 = 2.0 / 5, A7 = 2.0 / 7, A9 = 2.0 / 9, A11 = 2.0 / 11, A13 = 2.0 / 13, A15 = 2.0 / 15, A17 = 2.0 / 17, A19 = 2.0 / 19;

    private const double InvLn2 = 1.4426950408889634;
    private const ulong MantissaMask = 0x000F_FFFF_FFFF_FFFFUL;
    private const ulong OneBits = 0x3FF0_0000_0000_0000UL;

    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.782712893384)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.1332191019412)
        {
            return 0.0;
        }

        // x = k ln 2 + r with |r| <= ln2 / 2; Taylor to r^13 (next term below 5e-18); then scale by 2^k in two halves.
        var k = Math.Round(x * InvLn2);
        var r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        var p = 1.0 / 6227020800.0;
        p = (p * r) + (1.0 / 479001600.0);
        p = (p * r) + (1.0 / 39916800.0);
        p = (p * r) + (1.0 / 3628800.0);
        p = (p * r) + (1.0 / 362880.0);
        p = (p * r) + (1.0 / 40320.0);
        p = (p * r) + (1.0 / 5040.0);
        p = (p * r) + (1.0 / 720.0);
        p = (p * r) + (1.0 / 120.0);
        p = (p * r) + (1.0 / 24.0);
        p = (p * r) + (1.0 / 6.0);
        p = (p * r) + 0.5;
        p = (p * r) + 1.0;
        p = (p * r) + 1.0;
        var n = (long)k;
        var half = n / 2;
        return p * PowerOfTwo(half) * PowerOfTwo(n - half);
    }

    public static double Log(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return x == 0 ? double.NegativeInfinity : x > 0 ? x : double.NaN;
        }

        var bias = 0.0;
        if (x < 2.2250738585072014E-308)
        {
            x *= 18014398509481984.0; // 2^54: subnormals become normal
            bias = -54;
        }

        var bits = BitConverter.DoubleToUInt64Bits(x);
        var e = (double)(long)(bits >> 52) - 1023 + bias;
        var m = BitConverter.UInt64BitsToDouble((bits & MantissaMask) | OneBits);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e += 1;
        }

        // log(1 + f) = f - (f^2/2 - s (f^2/2 + R)) with s = f / (2 + f), R = 2 (s^3/3 + s^5/5 + ...) / s (fdlibm's form):
        // the small correction is added to f last, which keeps arguments near 1 within an ulp.
        var f = m - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        var r = (A19 * z) + A17;
        r = (r * z) + A15;
        r = (r * z) + A13;
        r = (r * z) + A11;
        r = (r * z) + A9;
        r = (r * z) + A7;
        r = (r * z) + A5;
        r = ((r * z) + A3) * z;
        var hfsq = 0.5 * f * f;
        return (e * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (e * Ln2Lo))) - f);
    }

    private static double PowerOfTwo(long n) => BitConverter.UInt64BitsToDouble((ulong)(n + 1023) << 52);
}
