using System.Numerics;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Geometric Brownian motion for one asset: per step the simple return has mean <c>mu</c>, and the log return is
/// N(mu - sigma^2/2, sigma^2). Simulated with <see cref="Vector{T}"/> lanes, one path per lane; the numbers of path i
/// are Philox blocks (block, i, <see cref="RandomStream.GbmNormals"/>), block j giving the normals of steps 4j..4j+3.
/// </summary>
public sealed class GbmModel : IPathModel
{
    public GbmModel(double mu, double sigma)
    {
        if (!double.IsFinite(mu) || mu <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu (per-step simple-return drift) must be finite and above -1");
        }

        if (!double.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and non-negative");
        }

        Mu = mu;
        Sigma = sigma;
        Parameters = new Dictionary<string, double[]> { ["mu"] = [mu], ["sigma"] = [sigma] };
    }

    public double Mu { get; }

    public double Sigma { get; }

    public string Name => "gbm";

    public IReadOnlyDictionary<string, double[]> Parameters { get; }

    public double StepLogMean => PortableMath.Log(1 + Mu) - (0.5 * Sigma * Sigma);

    public double StepLogStandardDeviation => Sigma;

    public void Simulate(ulong seed, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares) =>
        Kernel(seed, PortableMath.Log(1 + Mu) - (0.5 * Sigma * Sigma), Sigma, horizon, firstPath, terminalLog, minLogDrawdown, sumSquares);

    /// <summary>
    /// The vectorized kernel. A tail group shorter than the vector width computes whole lanes for paths beyond the
    /// batch and drops them: a path's lane math never depends on its neighbours, so the kept lanes are unaffected.
    /// </summary>
    // Fully optimized from the first call: a CLI run or an activity calls it only a few dozen times, too few for tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel(ulong seed, double drift, double volatility, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares)
    {
        var count = terminalLog.Length;
        if (minLogDrawdown.Length != count || sumSquares.Length != count)
        {
            throw new ArgumentException("output spans must have the same length");
        }

        var lanes = Vector<ulong>.Count;
        Span<Vector<ulong>> keys = stackalloc Vector<ulong>[Philox4x32.RoundKeyCount];
        Philox4x32.RoundKeys((uint)seed, (uint)(seed >> 32), keys);
        Span<ulong> offsets = stackalloc ulong[lanes];
        for (var l = 0; l < lanes; l++)
        {
            offsets[l] = (ulong)l;
        }

        var laneOffsets = new Vector<ulong>(offsets);
        Span<double> tail = stackalloc double[3 * lanes];
        var low = new Vector<ulong>(0xFFFF_FFFFUL);
        var stream = new Vector<ulong>((ulong)RandomStream.GbmNormals);
        var mu = new Vector<double>(drift);
        var sigma = new Vector<double>(volatility);
        var blocks = (horizon + 3) / 4;
        var fullBlocks = horizon / 4;
        for (var i = 0; i < count; i += lanes)
        {
            var path = new Vector<ulong>((ulong)(firstPath + i)) + laneOffsets;
            var pathLo = path & low;
            var pathHi = path >>> 32;
            var x = Vector<double>.Zero;
            var peak = Vector<double>.Zero;
            var worst = Vector<double>.Zero;
            var squares = Vector<double>.Zero;
            for (var j = 0; j < blocks; j++)
            {
                var c0 = new Vector<ulong>((ulong)j);
                var c1 = pathLo;
                var c2 = pathHi;
                var c3 = stream;
                Philox4x32.Generate(ref c0, ref c1, ref c2, ref c3, keys);
                NormalSampler.FromWords(c0, c1, out var z0, out var z1);
                NormalSampler.FromWords(c2, c3, out var z2, out var z3);
                var steps = j < fullBlocks ? 4 : horizon - (4 * j);
                Step(ref x, ref peak, ref worst, ref squares, mu + (sigma * z0));
                if (steps > 1)
                {
                    Step(ref x, ref peak, ref worst, ref squares, mu + (sigma * z1));
                }

                if (steps > 2)
                {
                    Step(ref x, ref peak, ref worst, ref squares, mu + (sigma * z2));
                }

                if (steps > 3)
                {
                    Step(ref x, ref peak, ref worst, ref squares, mu + (sigma * z3));
                }
            }

            if (i + lanes <= count)
            {
                x.CopyTo(terminalLog[i..]);
                worst.CopyTo(minLogDrawdown[i..]);
                squares.CopyTo(sumSquares[i..]);
            }
            else
            {
                x.CopyTo(tail);
                worst.CopyTo(tail[lanes..]);
                squares.CopyTo(tail[(2 * lanes)..]);
                var n = count - i;
                tail[..n].CopyTo(terminalLog[i..]);
                tail.Slice(lanes, n).CopyTo(minLogDrawdown[i..]);
                tail.Slice(2 * lanes, n).CopyTo(sumSquares[i..]);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector<double> x, ref Vector<double> peak, ref Vector<double> worst, ref Vector<double> squares, Vector<double> dx)
    {
        x += dx;
        squares += dx * dx;
        peak = Vector.Max(peak, x);
        worst = Vector.Min(worst, x - peak);
    }
}
