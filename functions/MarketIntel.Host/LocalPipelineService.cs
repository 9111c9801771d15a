using MarketIntel.Pipeline.Engine.Local;

namespace MarketIntel.Host;

/// <summary>Marks runs a previous host left running as interrupted at start-up; at shutdown lets in-flight runs finish briefly, then cancels them.</summary>
internal sealed class LocalPipelineService(LocalOrchestrationRunner runner, TimeProvider time, ILogger<LocalPipelineService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var interrupted = await runner.InterruptUnfinishedAsync([today.AddDays(-1), today], cancellationToken);
        if (interrupted > 0)
        {
            logger.LogInformation("Marked {Count} runs the previous host left running as interrupted", interrupted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => runner.StopAsync(TimeSpan.FromSeconds(10));
}
