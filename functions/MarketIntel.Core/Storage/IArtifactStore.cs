namespace MarketIntel.Core.Storage;

/// <summary>
/// Large results (equity curves, trade lists, reports) stored whole, by a deterministic name such as
/// <c>backtests/{run id}/equity.json</c>, and referenced from the record that describes them. Artifacts are
/// immutable: a retry that writes the same bytes again finds the first copy; different bytes under a taken name
/// are refused rather than overwriting it.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) under <paramref name="name"/> unless it is already there.</summary>
    /// <exception cref="InvalidRecordException">A malformed name, or no code version.</exception>
    /// <exception cref="ConcurrencyConflictException">The name already holds different content.</exception>
    Task<ArtifactEntry> PutAsync(string name, Stream content, string contentType, string codeVersion, CancellationToken cancellationToken = default);

    /// <summary>The artifact's metadata, or null when the name is unknown.</summary>
    Task<ArtifactEntry?> GetInfoAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>A stream over the artifact's content (the caller disposes it), or null when the name is unknown.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default);
}
