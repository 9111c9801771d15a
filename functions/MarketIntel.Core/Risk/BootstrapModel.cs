using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Risk;

/// <summary>
/// The stationary bootstrap (Politis and Romano 1994) of historical simple returns: a path starts at a uniform random
/// index, then each step either continues the block with the next return (circularly) or, with probability
/// 1 / <c>meanBlockLength</c>, jumps to a new uniform index, so block lengths are geometric with that mean. Every step
/// draws both words (jump decision, new index) so a path's numbers do not depend on its own branches.
/// </summary>
public sealed class BootstrapModel : IPathModel
{
    private readonly double[] _logReturns;
    private readonly double _jumpProbability;

    public BootstrapModel(ReadOnlySpan<double> simpleReturns, double meanBlockLength)
    {
        if (simpleReturns.Length < 2)
        {
            throw new ArgumentException($"the bootstrap needs at least 2 historical returns, got {simpleReturns.Length}", nameof(simpleReturns));
        }

        if (!(meanBlockLength >= 1) || !double.IsFinite(meanBlockLength))
        {
            throw new ArgumentOutOfRangeException(nameof(meanBlockLength), meanBlockLength, "mean block length must be at least 1");
        }

        _logReturns = new double[simpleReturns.Length];
        for (var i = 0; i < simpleReturns.Length; i++)
        {
            var r = simpleReturns[i];
            if (!(r > -1) || !double.IsFinite(r))
            {
                throw new ArgumentException($"historical return {i} is {r}: returns must be finite and above -100%", nameof(simpleReturns));
            }

            _logReturns[i] = PortableMath.Log(1 + r);
        }

        _jumpProbability = 1 / meanBlockLength;
        StepLogMean = PerformanceMetrics.Mean(_logReturns);
        StepLogStandardDeviation = PerformanceMetrics.StandardDeviation(_logReturns);
        Parameters = new Dictionary<string, double[]>
        {
            ["meanBlockLength"] = [meanBlockLength],
            ["historyLength"] = [simpleReturns.Length],
            ["historyMeanLogReturn"] = [StepLogMean],
            ["historyStdevLogReturn"] = [StepLogStandardDeviation],
            ["historyFingerprint"] = [Fingerprint(_logReturns)],
        };
    }

    /// <summary>From closing prices (at least 3).</summary>
    public static BootstrapModel FromCloses(ReadOnlySpan<double> closes, double meanBlockLength) => new(Returns.Simple(closes), meanBlockLength);

    public string Name => "bootstrap";

    public IReadOnlyDictionary<string, double[]> Parameters { get; }

    public double StepLogMean { get; }

    public double StepLogStandardDeviation { get; }

    public void Simulate(ulong seed, int horizon, long firstPath, Span<double> terminalLog, Span<double> minLogDrawdown, Span<double> sumSquares)
    {
        var history = _logReturns;
        var logEquity = new double[horizon + 1];
        for (var i = 0; i < terminalLog.Length; i++)
        {
            var random = new PathRandom(seed, RandomStream.Bootstrap, firstPath + i);
            var index = -1;
            var squares = 0.0;
            for (var step = 1; step <= horizon; step++)
            {
                index = Advance(ref random, index);
                var dx = history[index];
                logEquity[step] = logEquity[step - 1] + dx;
                squares += dx * dx;
            }

            terminalLog[i] = logEquity[horizon];
            minLogDrawdown[i] = Drawdowns.MinLogDrawdown(logEquity);
            sumSquares[i] = squares;
        }
    }

    /// <summary>The history index sequence of one path (for tests of the resampling scheme).</summary>
    internal int[] Indices(ulong seed, long path, int horizon)
    {
        var random = new PathRandom(seed, RandomStream.Bootstrap, path);
        var result = new int[horizon];
        var index = -1;
        for (var step = 0; step < horizon; step++)
        {
            index = Advance(ref random, index);
            result[step] = index;
        }

        return result;
    }

    /// <summary>FNV-1a (32-bit) over the history's bits: tells two reports apart whose histories differ.</summary>
    private static double Fingerprint(ReadOnlySpan<double> values)
    {
        var hash = 2166136261u;
        foreach (var v in values)
        {
            var bits = BitConverter.DoubleToUInt64Bits(v);
            for (var b = 0; b < 8; b++, bits >>= 8)
            {
                hash = (hash ^ (uint)(bits & 0xFF)) * 16777619u;
            }
        }

        return hash;
    }

    private int Advance(ref PathRandom random, int index)
    {
        var jump = random.NextUniform() < _jumpProbability;
        var fresh = random.NextIndex(_logReturns.Length);
        return index < 0 || jump ? fresh : (index + 1) % _logReturns.Length;
    }
}
