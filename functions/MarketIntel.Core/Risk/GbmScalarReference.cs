namespace MarketIntel.Core.Risk;

/// <summary>
/// The plain scalar GBM: the same Philox words as <see cref="GbmModel"/>, but Box-Muller with <see cref="Math"/>'s
/// log, sine and cosine and one path at a time. It is the benchmark baseline and an independent check of the kernel.
/// </summary>
internal static class GbmScalarReference
{
    public static void Simulate(ulong seed, double drift, double volatility, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares)
    {
        Span<double> z = stackalloc double[4];
        for (var i = 0; i < terminalLog.Length; i++)
        {
            var path = (ulong)(firstPath + i);
            double x = 0, peak = 0, worst = 0, squares = 0;
            for (var step = 0; step < horizon; step++)
            {
                if ((step & 3) == 0)
                {
                    var (w0, w1, w2, w3) = Philox4x32.Generate((uint)(step >> 2), (uint)path, (uint)(path >> 32), (uint)RandomStream.GbmNormals, (uint)seed, (uint)(seed >> 32));
                    (z[0], z[1]) = BoxMuller(w0, w1);
                    (z[2], z[3]) = BoxMuller(w2, w3);
                }

                var dx = drift + (volatility * z[step & 3]);
                x += dx;
                squares += dx * dx;
                peak = Math.Max(peak, x);
                worst = Math.Min(worst, x - peak);
            }

            terminalLog[i] = x;
            minLogDrawdown[i] = worst;
            sumSquares[i] = squares;
        }
    }

    public static (double Z0, double Z1) BoxMuller(uint a, uint b)
    {
        var r = Math.Sqrt(-2.0 * Math.Log((a + 0.5) / 4294967296.0));
        var (sin, cos) = Math.SinCos(2 * Math.PI * ((b + 0.5) / 4294967296.0));
        return (r * cos, r * sin);
    }
}
