using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// Runs work only while this instance holds an <see cref="ISingletonLease"/>: tries to acquire every
/// <see cref="RetryInterval"/>, renews every third of the lease (so two renewals can fail before it expires), cancels
/// the work at once when a renewal fails (another instance may already run it) and goes back to acquiring; when stopped,
/// cancels the work, waits for it and releases the lease so that another instance takes over without waiting for expiry.
/// </summary>
public sealed class SingletonLeaseRunner(ISingletonLease lease, TimeProvider timeProvider, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>How often a standby instance tries to take the lease (a third of the lease by default).</summary>
    public TimeSpan RetryInterval { get; init; } = lease.Duration / 3;

    /// <summary>True while this instance holds the lease and runs the work.</summary>
    public bool Holding { get; private set; }

    /// <summary>How many times this instance has acquired the lease.</summary>
    public int Acquisitions { get; private set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; <paramref name="work"/> gets a token cancelled when the lease is lost.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var renewEvery = lease.Duration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await TryAsync(lease.TryAcquireAsync, cancellationToken).ConfigureAwait(false))
            {
                if (!await DelayAsync(RetryInterval, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            Holding = true;
            Acquisitions++;
            _logger.LogInformation("Singleton lease acquired: this instance runs the work");
            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = Task.Run(() => work(held.Token), CancellationToken.None);
            var lost = false;
            while (!running.IsCompleted)
            {
                var tick = Task.Delay(renewEvery, timeProvider, cancellationToken);
                await Task.WhenAny(tick, running).ConfigureAwait(false);
                if (running.IsCompleted || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (!await TryAsync(lease.RenewAsync, cancellationToken).ConfigureAwait(false))
                {
                    lost = true;
                    _logger.LogWarning("Singleton lease lost: stopping the work at once");
                    break;
                }
            }

            Holding = false;
            await held.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!lost)
            {
                // Stopping (or the work ended): hand over at once rather than after the lease expires.
                await TryAsync(async t => { await lease.ReleaseAsync(t).ConfigureAwait(false); return true; }, CancellationToken.None).ConfigureAwait(false);
            }

            if (!cancellationToken.IsCancellationRequested && !lost && running.IsCompleted)
            {
                return;
            }
        }
    }

    private async Task<bool> TryAsync(Func<CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Singleton lease call failed");
            return false;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
