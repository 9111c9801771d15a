using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>Where <see cref="PipelineCatalog"/> registers the pipeline's orchestrations and activities (the local runner's registry, a test's).</summary>
public interface IPipelineRegistry
{
    void AddOrchestration<TIn, TOut>(string name, Func<IOrchestrationContext, TIn, Task<TOut>> run);

    void AddActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> run);
}
