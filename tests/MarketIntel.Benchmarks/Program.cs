using BenchmarkDotNet.Running;
using MarketIntel.Benchmarks.Ingestion;

// dotnet run -c Release --project tests/MarketIntel.Benchmarks -- --filter '*'   (see README, "Benchmarks")
if (args.Length > 0 && args[0] == TickPathDriver.Command)
{
    TickPathDriver.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MarketIntel.Benchmarks.Market.TickAggregatorBenchmarks).Assembly).Run(args);
