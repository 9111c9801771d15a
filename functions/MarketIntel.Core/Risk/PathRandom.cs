namespace MarketIntel.Core.Risk;

/// <summary>
/// The random numbers of one path: Philox blocks at counter (block, path low, path high, stream) under the 64-bit
/// seed as key, consumed word by word. Everything a path draws depends only on (seed, stream, path), which is what
/// makes batches mergeable bit for bit.
/// </summary>
public struct PathRandom
{
    private readonly uint _k0, _k1, _pathLo, _pathHi, _stream;
    private uint _block;
    private uint _w0, _w1, _w2, _w3;
    private int _next;

    public PathRandom(ulong seed, RandomStream stream, long path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(path);
        _k0 = (uint)seed;
        _k1 = (uint)(seed >> 32);
        _pathLo = (uint)path;
        _pathHi = (uint)((ulong)path >> 32);
        _stream = (uint)stream;
        _block = 0;
        _next = 4;
        _w0 = _w1 = _w2 = _w3 = 0;
    }

    public uint NextUInt32()
    {
        if (_next == 4)
        {
            (_w0, _w1, _w2, _w3) = Philox4x32.Generate(_block++, _pathLo, _pathHi, _stream, _k0, _k1);
            _next = 0;
        }

        return _next++ switch
        {
            0 => _w0,
            1 => _w1,
            2 => _w2,
            _ => _w3,
        };
    }

    /// <summary>A uniform in (0, 1): <c>(w + 0.5) / 2^32</c>.</summary>
    public double NextUniform() => (NextUInt32() + 0.5) * (1.0 / 4294967296.0);

    /// <summary>A uniform integer in [0, n) by multiply-shift (bias below n / 2^32).</summary>
    public int NextIndex(int n) => (int)(((ulong)NextUInt32() * (uint)n) >> 32);

    /// <summary>Two standard normals from the next two words.</summary>
    public (double Z0, double Z1) NextNormalPair() => NormalSampler.FromWords(NextUInt32(), NextUInt32());
}
