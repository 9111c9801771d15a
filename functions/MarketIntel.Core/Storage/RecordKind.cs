namespace MarketIntel.Core.Storage;

/// <summary>
/// A kind of stored record: its name (stored in every record), the container that holds it, and how long it lives.
/// Kinds that share a container and a partition key can be read together in one partition-scoped query.
/// </summary>
/// <param name="Name">Stable identifier stored in each record (<c>scan-run</c>).</param>
/// <param name="Container">Container (Cosmos) or table partition (embedded) that holds records of this kind.</param>
/// <param name="TimeToLive">Default lifetime of a record; null keeps it until deleted.</param>
public sealed record RecordKind(string Name, string Container, TimeSpan? TimeToLive = null)
{
    public override string ToString() => Name;
}
