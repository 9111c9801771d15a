using System.Diagnostics;
using System.Globalization;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// The tick-path benchmark's stream without BenchmarkDotNet, timed by a Stopwatch: for measuring one change in a minute
/// and for profiling (<c>dotnet-trace collect -- dotnet MarketIntel.Benchmarks.dll tick-driver</c>). Same processor,
/// same stream, same 30,000 ticks per iteration, the in-memory reference timed on the same batches in each iteration.
/// Arguments: <c>tick-driver [batch size] [symbols] [iterations]</c> (defaults 1,000, 100, 20). With
/// <c>MARKETINTEL_ALLOCATIONS=1</c> it also prints the types the processor allocated most (<see cref="AllocationSampler"/>),
/// with <c>MARKETINTEL_EACH_ITERATION=1</c> each iteration's times and collections (where the spread comes from).
/// </summary>
public static class TickPathDriver
{
    public const string Command = "tick-driver";

    public static void Run(string[] args)
    {
        var batchSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var symbols = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var iterations = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var data = Directory.CreateTempSubdirectory("marketintel-ticks-driver-").FullName;
        try
        {
            var processor = TickBatchProcessorBenchmarks.EmbeddedProcessor(data);
            var stream = new SyntheticTickStream(symbols);
            var processorTimes = new List<double>();
            var baselineTimes = new List<double>();
            long allocated = 0;
            var collections = new int[3];
            var eachIteration = Environment.GetEnvironmentVariable("MARKETINTEL_EACH_ITERATION") == "1";
            using var sampler = Environment.GetEnvironmentVariable("MARKETINTEL_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
            const int ticks = TickBatchProcessorBenchmarks.TicksPerIteration;
            for (var i = 0; i < iterations + TickBatchProcessorBenchmarks.WarmupIterations; i++)
            {
                var batches = stream.NextBatches(ticks, batchSize);
                var clock = Stopwatch.StartNew();
                TickBatchProcessorBenchmarks.AggregateInMemory(batches);
                var baseline = clock.Elapsed.TotalMicroseconds / ticks;
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                if (sampler is not null)
                {
                    sampler.Recording = i >= TickBatchProcessorBenchmarks.WarmupIterations;
                }

                clock.Restart();
                foreach (var batch in batches)
                {
                    processor.ProcessAsync(batch).GetAwaiter().GetResult();
                }

                var processed = clock.Elapsed.TotalMicroseconds / ticks;
                if (sampler is not null)
                {
                    sampler.Recording = false;
                }

                // The first iterations warm up (tiered JIT, the database file, the caches), as in the benchmark.
                if (eachIteration)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  iteration {i,2}: processor {processed:F2} us/tick, baseline {baseline:F2}, GCs {GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}"));
                }

                if (i >= TickBatchProcessorBenchmarks.WarmupIterations)
                {
                    baselineTimes.Add(baseline);
                    processorTimes.Add(processed);
                    allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                    for (var g = 0; g < 3; g++)
                    {
                        collections[g] += GC.CollectionCount(g) - collectionsBefore[g];
                    }
                }
            }

            processorTimes.Sort();
            baselineTimes.Sort();
            var median = processorTimes[processorTimes.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{batchSize} x {symbols}: processor median {median:F2} us/tick ({1e6 / median:F0} ticks/s), best {processorTimes[0]:F2} ({1e6 / processorTimes[0]:F0}); baseline median {baselineTimes[baselineTimes.Count / 2]:F2} us/tick; ratio of medians {median / baselineTimes[baselineTimes.Count / 2]:F1}; processor allocates {allocated / (double)(iterations * ticks):F0} B/tick, GCs per iteration gen0 {collections[0] / (double)iterations:F1} gen1 {collections[1] / (double)iterations:F1} gen2 {collections[2] / (double)iterations:F1}"));
            foreach (var (type, samples) in sampler?.Top(25) ?? [])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocation samples {samples,6}  {type}"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
