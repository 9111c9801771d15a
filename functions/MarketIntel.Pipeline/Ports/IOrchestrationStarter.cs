namespace MarketIntel.Pipeline.Ports;

/// <summary>Starts an orchestration instance: the local runner here, Durable's client in the Functions app.</summary>
public interface IOrchestrationStarter
{
    /// <summary>Starts <paramref name="orchestration"/> as <paramref name="instanceId"/> unless that instance already runs.</summary>
    Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken = default);
}
