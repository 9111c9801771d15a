using System.Text.Json.Serialization;

namespace MarketIntel.Api;

/// <summary>
/// The data of one <c>GET /api/stream</c> event. Its <c>type</c> is also the server-sent event's name: <c>bar</c>,
/// <c>run</c>, <c>order</c>, <c>fill</c>, or <c>reset</c> (the resumption id was too old: reload, then carry on).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BarStreamEvent), BarStreamEvent.Name)]
[JsonDerivedType(typeof(RunStreamEvent), RunStreamEvent.Name)]
[JsonDerivedType(typeof(OrderStreamEvent), OrderStreamEvent.Name)]
[JsonDerivedType(typeof(FillStreamEvent), FillStreamEvent.Name)]
[JsonDerivedType(typeof(ResetStreamEvent), ResetStreamEvent.Name)]
public abstract record StreamEvent
{
    /// <summary>The server-sent event name: the JSON <c>type</c> (a method, so that it is no JSON property).</summary>
    public string EventName() => this switch
    {
        BarStreamEvent => BarStreamEvent.Name,
        RunStreamEvent => RunStreamEvent.Name,
        OrderStreamEvent => OrderStreamEvent.Name,
        FillStreamEvent => FillStreamEvent.Name,
        ResetStreamEvent => ResetStreamEvent.Name,
        _ => throw new InvalidOperationException($"{GetType().Name} has no event name"),
    };
}
