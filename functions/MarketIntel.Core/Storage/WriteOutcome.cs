namespace MarketIntel.Core.Storage;

/// <summary>What an idempotent create did.</summary>
public enum WriteOutcome
{
    /// <summary>The record did not exist and was written.</summary>
    Created,

    /// <summary>A record with the same id already existed (an earlier attempt wrote it) and was left unchanged.</summary>
    AlreadyExisted,
}
