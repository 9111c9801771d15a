namespace MarketIntel.Ingestion.Streaming;

/// <summary>What <see cref="TradeIdSet.Add"/> did with an id.</summary>
public enum TradeIdAddResult
{
    /// <summary>The id was new and is now held.</summary>
    Added,

    /// <summary>The id was already held (or lies in a gap the set absorbed when it reached its range limit).</summary>
    AlreadyPresent,

    /// <summary>A text id, and the set already holds as many text ids as it may: the id was not added.</summary>
    Full,
}
