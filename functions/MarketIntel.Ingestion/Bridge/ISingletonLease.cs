namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// An exclusive, expiring lease that at most one instance of an app holds at a time (the port of the tick bridge's
/// singleton guard). The holder must renew well before <see cref="Duration"/> runs out; a failed renewal means another
/// instance may hold it already. <see cref="SingletonLeaseRunner"/> turns this into "run while held".
/// </summary>
public interface ISingletonLease
{
    /// <summary>How long a lease lasts without renewal.</summary>
    TimeSpan Duration { get; }

    /// <summary>Takes the lease if nobody holds it; false when another holder has it.</summary>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>Extends the lease this instance holds; false (or an exception) when it was lost.</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up so that another instance can take it at once.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
