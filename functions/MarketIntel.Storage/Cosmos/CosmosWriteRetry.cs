using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Cosmos;
using Polly;
using Polly.Retry;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// Bounded exponential retry of Cosmos DB writes across transport failures and outages, on top of what the SDK retries
/// itself. The SDK (3.64) does not retry a write whose connection fails when endpoint discovery is off
/// (<c>LimitToEndpoint</c>, as for an emulator), never retries a write after 503 or a timeout on a single-write-region
/// account, and gives up on 429 after <c>MaxRetryAttemptsOnRateLimitedRequests</c> (9) within 30 s. This policy retries
/// connection failures, timeouts (408, or a cancellation the caller did not ask for), 503, 449 (retry with) and 429,
/// <see cref="MaxRetries"/> times from <see cref="FirstDelay"/> doubling (<see cref="DelayBefore"/>), with delays on the
/// injected <see cref="TimeProvider"/> (Polly's retry strategy runs the loop). Nothing else is retried (400, 401, 403, 404,
/// 409, 412, 413 ... surface at once).
/// </summary>
/// <remarks>
/// An attempt that failed after the request may have reached the service (a timeout, a broken connection, 408, 503)
/// leaves its outcome unknown: the next attempt is told so, and a conditional write that then meets 409/412 reads the
/// item back to tell its own landed write from a real conflict.
/// </remarks>
public sealed class CosmosWriteRetry
{
    private readonly ResiliencePipeline pipeline;

    /// <param name="timeProvider">The clock the delays run on (a fake one in tests, so they do not sleep).</param>
    /// <param name="maxRetries">Retries after the first attempt; the Tables client's budget (6) by default.</param>
    /// <param name="firstDelay">The first delay, doubled each retry: 200 ms by default (about 12.6 s over 6 retries).</param>
    public CosmosWriteRetry(TimeProvider timeProvider, int maxRetries = 6, TimeSpan? firstDelay = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        MaxRetries = maxRetries;
        FirstDelay = firstDelay ?? TimeSpan.FromMilliseconds(200);
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstDelay, TimeSpan.Zero, nameof(firstDelay));
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && Classify(e, args.Context.CancellationToken) != CosmosWriteFailure.NotRetried),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber, args.Outcome.Exception)),
            });
        }

        pipeline = builder.Build();
    }

    /// <summary>The retry policy the stores use unless one is given: system clock, 6 retries from 200 ms.</summary>
    public static CosmosWriteRetry Default { get; } = new(TimeProvider.System);

    public int MaxRetries { get; }

    public TimeSpan FirstDelay { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, fails with something not retried, or the retries are spent
    /// (the last failure is thrown as it was). Its first argument says whether an earlier attempt's outcome is unknown.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<bool, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var earlierOutcomeUnknown = false;
        try
        {
            return await pipeline.ExecuteAsync(
                async ct =>
                {
                    try
                    {
                        return await attempt(earlierOutcomeUnknown, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (Classify(e, ct) == CosmosWriteFailure.OutcomeUnknown)
                    {
                        earlierOutcomeUnknown = true;
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosContainerLostException e) when (e.InnerException is not null)
        {
            // Retries spent while the container stayed missing: surface the service's own 404.
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>How a failed write attempt is treated; <paramref name="cancellationToken"/> is the caller's.</summary>
    public static CosmosWriteFailure Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // Cancelled by the caller: stop. Cancelled otherwise: the SDK's or HttpClient's request timeout.
        OperationCanceledException when cancellationToken.IsCancellationRequested => CosmosWriteFailure.NotRetried,
        OperationCanceledException => CosmosWriteFailure.OutcomeUnknown,
        // The connection could not be established: the request was never sent.
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => CosmosWriteFailure.NotApplied,
        HttpRequestException => CosmosWriteFailure.OutcomeUnknown,
        CosmosContainerLostException => CosmosWriteFailure.NotApplied,
        CosmosException { StatusCode: HttpStatusCode.TooManyRequests } => CosmosWriteFailure.NotApplied,
        CosmosException { StatusCode: (HttpStatusCode)449 } => CosmosWriteFailure.NotApplied,
        CosmosException { StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable } => CosmosWriteFailure.OutcomeUnknown,
        _ => CosmosWriteFailure.NotRetried,
    };

    /// <summary>
    /// The wait before retry <paramref name="attemptNumber"/> + 1: <see cref="FirstDelay"/> doubled per retry, jittered
    /// ±20 % as Azure.Core's exponential policy does (so writers failing together do not come back together), at most
    /// 30 s; longer when the service's Retry-After (429/449) asks for it.
    /// </summary>
    public TimeSpan DelayBefore(int attemptNumber, Exception? failure)
    {
        var nominal = FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 20));
        var jittered = TimeSpan.FromMilliseconds(Math.Min(nominal * (0.8 + (0.4 * Random.Shared.NextDouble())), MaxDelay.TotalMilliseconds));
        return failure is CosmosException { RetryAfter: { } retryAfter } && retryAfter > jittered ? retryAfter : jittered;
    }

    private static TimeSpan MaxDelay => TimeSpan.FromSeconds(30);
}
