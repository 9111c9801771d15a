namespace MarketIntel.Ingestion.Bridge;

/// <summary>The local host's lease: one process, so the bridge is always the only one.</summary>
public sealed class AlwaysGrantedLease : ISingletonLease
{
    public TimeSpan Duration => TimeSpan.FromMinutes(1);

    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> RenewAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
