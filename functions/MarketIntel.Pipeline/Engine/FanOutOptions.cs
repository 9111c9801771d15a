namespace MarketIntel.Pipeline.Engine;

/// <summary>
/// Limits of one fan-out. Up to <see cref="MaxInline"/> activities are scheduled directly by the orchestration; more go
/// through sub-orchestrations of that many each, which keeps every orchestration's history small (Durable replays the
/// whole history on every step, so a 10,000-task history would make each step slow).
/// </summary>
public sealed record FanOutOptions(int MaxInline, PipelineRetryPolicy Retry)
{
    public static FanOutOptions Default { get; } = new(100, PipelineRetryPolicy.Default);
}
