namespace MarketIntel.Functions.Streaming;

/// <summary>The app settings the Event Hub trigger binds to (set by Bicep; local.settings.sample.json for local runs).</summary>
public static class TickHubSettings
{
    /// <summary>The event hub's name.</summary>
    public const string EventHubName = "TicksEventHubName";

    /// <summary>The consumer group the app reads with.</summary>
    public const string ConsumerGroup = "TicksConsumerGroup";

    /// <summary>The connection prefix: <c>TicksEventHub__fullyQualifiedNamespace</c> (+ credential, client id) with managed identity.</summary>
    public const string Connection = "TicksEventHub";
}
