namespace MarketIntel.Pipeline.Workflows;

/// <summary>What a completed run produced: a reference to its stored report and a count of items in it.</summary>
public sealed record RunResult(string RunId, string Reference, long Items)
{
    /// <summary>
    /// From a merge that could not run: the indexes of the batches whose stored results are gone (see
    /// <see cref="BatchRepair"/>); nothing was written. Null for a merge that ran.
    /// </summary>
    public IReadOnlyList<int>? MissingBatches { get; init; }
}
