namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>How an <see cref="ExpCore"/> starts and steps.</summary>
internal enum SmoothingMode
{
    /// <summary><c>e += k (x - e)</c>, seeded by the SMA of the first <c>period</c> values.</summary>
    Ema,

    /// <summary><c>e += k (x - e)</c>, seeded by the first value.</summary>
    EmaFromFirst,

    /// <summary><c>e = (e (n-1) + x) / n</c>, seeded by the SMA of the first <c>period</c> values.</summary>
    Wilder,
}
