namespace MarketIntel.Ingestion.Bridge;

/// <summary>How a bridge batch is split for Event Hubs: one group per symbol (the partition key), each in arrival order, groups in order of first appearance.</summary>
public static class TickPartitions
{
    public static List<(string PartitionKey, List<string> Messages)> BySymbol(IReadOnlyList<TickMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var groups = new List<(string, List<string>)>();
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            if (!index.TryGetValue(message.Symbol, out var list))
            {
                index[message.Symbol] = list = [];
                groups.Add((message.Symbol, list));
            }

            list.Add(message.Json);
        }

        return groups;
    }
}
