namespace MarketIntel.Pipeline.Engine;

/// <summary>
/// The one retry policy definition both hosts apply to activities: the Functions app maps it to Durable's
/// <c>RetryPolicy</c>, the local runner executes it itself. Delay before attempt n+1 = min(first * coefficient^(n-1), max).
/// </summary>
public sealed record PipelineRetryPolicy(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval)
{
    /// <summary>Activities are idempotent, so transient failures (throttling, timeouts) are simply retried.</summary>
    public static PipelineRetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromMinutes(1));

    public static PipelineRetryPolicy None { get; } = new(1, TimeSpan.FromSeconds(1), 1.0, TimeSpan.FromSeconds(1));

    public TimeSpan DelayBeforeAttempt(int attempt)
    {
        if (attempt <= 1)
        {
            return TimeSpan.Zero;
        }

        var seconds = FirstRetryInterval.TotalSeconds * Math.Pow(BackoffCoefficient, attempt - 2);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryInterval.TotalSeconds));
    }
}
