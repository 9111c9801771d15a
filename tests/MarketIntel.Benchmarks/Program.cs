using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MarketIntel.Benchmarks -- --filter '*'   (see README, "Benchmarks")
BenchmarkSwitcher.FromAssembly(typeof(MarketIntel.Benchmarks.Market.TickAggregatorBenchmarks).Assembly).Run(args);
