using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace MarketIntel.Host.Tests.Load;

/// <summary>
/// The read routes under concurrent load on the real local host (loopback, embedded storage, schedules running). The
/// short run (about 5 s, part of the suite) fails on any transport error or unexpected status, never on timings.
/// <c>MARKETINTEL_LOAD_SECONDS=60</c> runs each route that long and prints requests/s, p50/p99, the ratio to
/// <c>/api/health</c> measured in the same run, and managed heap and working set before and after each route.
/// </summary>
public sealed class LoadTests(LoadHostFixture host, ITestOutputHelper output) : IClassFixture<LoadHostFixture>
{
    public const string LongRunSecondsVariable = "MARKETINTEL_LOAD_SECONDS";

    private const int Connections = 32;

    [Fact]
    public async Task ReadRoutes_UnderConcurrentLoad_AnswerEveryRequestWithoutError()
    {
        var longSeconds = int.TryParse(Environment.GetEnvironmentVariable(LongRunSecondsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var perTarget = longSeconds > 0 ? TimeSpan.FromSeconds(longSeconds) : TimeSpan.FromMilliseconds(700);
        var bars = "/api/bars/BTC-USD?limit=500";
        var first = await host.Client.GetAsync(bars);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);

        List<(LoadTarget Target, int[] Expected)> targets =
        [
            (new("health", "/api/health"), [200]),
            (new("bars", bars), [200]),
            (new("indicators", "/api/indicators/BTC-USD?spec=rsi_14&spec=bb_20_2&limit=500"), [200]),
            (new("setups", "/api/setups"), [200]),
            (new("snapshots", "/api/snapshots"), [200]),

            // Each loop revalidates its last copy like a browser: 304 until an ingest writes a bar, then one 200.
            (new("bars-304", bars, Revalidate: true), [304, 200]),
        ];

        var results = new List<LoadResult>();
        foreach (var (target, expected) in targets)
        {
            await LoadClient.RunAsync(host.BaseAddress, target, Connections, TimeSpan.FromSeconds(5), 200);
            var before = Memory();
            var result = await LoadClient.RunAsync(host.BaseAddress, target, Connections, perTarget, long.MaxValue);
            var after = Memory();
            results.Add(result);
            output.WriteLine($"{result.Describe()}  heap {before.Heap / 1_048_576.0:F1} -> {after.Heap / 1_048_576.0:F1} MiB, working set {before.WorkingSet / 1_048_576.0:F0} -> {after.WorkingSet / 1_048_576.0:F0} MiB");
            Assert.True(result.Errors == 0, $"{target.Name}: {result.Errors} transport errors, first: {result.FirstError}");
            Assert.True(result.Requests > 0, $"{target.Name}: no request completed");
            Assert.All(result.Statuses.Keys, status => Assert.True(expected.Contains(status), $"{target.Name}: unexpected status {status} ({result.Describe()})"));
        }

        var health = results[0];
        foreach (var result in results.Skip(1))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Target.Name,-12} health/route throughput {health.RequestsPerSecond / result.RequestsPerSecond,5:F1}x  p99 {result.P99Milliseconds:F2} ms"));
        }
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
    }
}
