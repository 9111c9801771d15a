using System.Reflection;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Functions.Streaming;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Tests.Streaming;

[Trait("Category", "FunctionsApi")]
public sealed class TickFunctionTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 21, 5, 0, 0, DateTimeKind.Utc);
    private readonly FunctionsTestHost _host = new(T0);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ABatch_IsAggregatedIntoStoredBars_AndARedeliveryChangesNothing()
    {
        string[] batch =
        [
            """{"symbol":"BTC-USD","price":100,"size":1,"time":"2026-11-21T05:00:01Z","tradeId":1,"side":"buy"}""",
            """{"symbol":"BTC-USD","price":103,"size":2,"time":"2026-11-21T05:00:30Z","tradeId":2}""",
            "garbage",
            """{"symbol":"BTC-USD","price":101,"size":1,"time":"2026-11-21T05:01:10Z","tradeId":3}""",
        ];
        var function = _host.Create<TickFunctions>();
        await function.Ticks(batch, CancellationToken.None);
        await function.Ticks(batch, CancellationToken.None);

        var page = await _host.Bars.ReadAsync(new BarRangeQuery("BTC-USD", Timeframe.OneMinute, T0, T0.AddHours(1)));
        Assert.Equal([new Bar(T0, 100, 103, 100, 103, 3, 2), new Bar(T0.AddMinutes(1), 101, 101, 101, 101, 1, 1)], page.Bars);
    }

    [Fact]
    public void TheTrigger_UsesTheAgreedSettings_InBatches_AndRetriesInsteadOfSkipping()
    {
        var method = typeof(TickFunctions).GetMethod(nameof(TickFunctions.Ticks))!;
        var trigger = method.GetParameters()[0].GetCustomAttribute<EventHubTriggerAttribute>()!;
        Assert.Equal(("%TicksEventHubName%", "TicksEventHub", "%TicksConsumerGroup%", true), (trigger.EventHubName, trigger.Connection, trigger.ConsumerGroup, trigger.IsBatched));
        Assert.Equal(typeof(string[]), method.GetParameters()[0].ParameterType);
        Assert.Equal(-1, method.GetCustomAttribute<ExponentialBackoffRetryAttribute>()!.MaxRetryCount);
    }
}
