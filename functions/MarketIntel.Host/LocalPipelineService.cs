using MarketIntel.Pipeline.Local;

namespace MarketIntel.Host;

/// <summary>Resumes unfinished runs at start-up; at shutdown lets in-flight runs finish briefly, then records them as interrupted.</summary>
internal sealed class LocalPipelineService(LocalOrchestrationRunner runner, TimeProvider time, ILogger<LocalPipelineService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var resumed = await runner.ResumeAsync([today.AddDays(-1), today], cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Resumed {Count} unfinished orchestration runs", resumed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => runner.StopAsync(TimeSpan.FromSeconds(10));
}
