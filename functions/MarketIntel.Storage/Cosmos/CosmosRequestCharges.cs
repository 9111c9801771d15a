using System.Collections.Concurrent;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// Request units charged by Cosmos DB, summed per operation (<c>bar.upsert</c>, <c>record.read</c> ...), so that the
/// cost of the main operations can be measured against a real account (and the emulator, which charges a flat 1).
/// </summary>
public sealed class CosmosRequestCharges
{
    private readonly ConcurrentDictionary<string, Totals> totals = new(StringComparer.Ordinal);

    public void Add(string operation, double requestCharge)
    {
        var entry = totals.GetOrAdd(operation, _ => new Totals());
        lock (entry)
        {
            entry.Count++;
            entry.Charge += requestCharge;
        }
    }

    /// <summary>Operation → (calls, total request units), ordered by operation.</summary>
    public IReadOnlyList<(string Operation, long Count, double RequestUnits)> Snapshot() =>
        totals.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
        {
            lock (t.Value)
            {
                return (t.Key, t.Value.Count, t.Value.Charge);
            }
        }).ToList();

    public void Reset() => totals.Clear();

    private sealed class Totals
    {
        public long Count;
        public double Charge;
    }
}
