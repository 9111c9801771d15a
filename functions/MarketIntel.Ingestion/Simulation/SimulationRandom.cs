namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// A counter-keyed SplitMix64 generator: each (seed, symbol, day, minute) key starts its own stream, so any piece of
/// the simulated market can be regenerated on its own and comes out the same whatever was generated before it.
/// </summary>
internal struct SimulationRandom
{
    private ulong _state;

    public SimulationRandom(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        // Mixing each key part through the finalizer keeps nearby keys (day 1, day 2) uncorrelated.
        _state = Mix(Mix(Mix(Mix(seed) ^ a) ^ (b * 0x9E3779B97F4A7C15UL)) ^ (c * 0xC2B2AE3D27D4EB4FUL));
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on (0, 1): safe under a logarithm.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal variate (Box-Muller, one of the pair).</summary>
    public double NextNormal() => Math.Sqrt(-2 * Math.Log(NextOpenDouble())) * Math.Cos(2 * Math.PI * NextDouble());

    /// <summary>A Poisson variate: Knuth's product method for small means, a rounded normal approximation above 30.</summary>
    public int NextPoisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * NextNormal())));
        }

        var limit = Math.Exp(-mean);
        var product = NextOpenDouble();
        var count = 0;
        while (product > limit)
        {
            product *= NextOpenDouble();
            count++;
        }

        return count;
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong Hash(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    /// <summary>A deterministic uniform on [0, 1) for one key: used to decide faults and per-symbol parameters.</summary>
    public static double Unit(ulong seed, ulong a, ulong b = 0, ulong c = 0) => new SimulationRandom(seed, a, b, c).NextDouble();
}
