namespace MarketIntel.Storage.Cosmos;

/// <summary>What a failed Cosmos DB write attempt means for a retry (<see cref="CosmosWriteRetry.Classify"/>).</summary>
public enum CosmosWriteFailure
{
    /// <summary>Not transient (400, 401, 403, 404, 409, 412, 413 ..., or cancelled by the caller): surfaces at once.</summary>
    NotRetried,

    /// <summary>Transient, and the service did not apply the write (429, 449, connection refused): retried as it is.</summary>
    NotApplied,

    /// <summary>Transient, and the write may have landed (timeout, 408, 503, a connection broken mid-request): retried; a conditional retry that conflicts reads back.</summary>
    OutcomeUnknown,
}
