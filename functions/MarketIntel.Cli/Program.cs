using System.CommandLine;
using MarketIntel.Cli;
using MarketIntel.Cli.Commands;

var root = new RootCommand("MarketIntel: market data, indicators, scans, risk and regimes from the command line.");
root.Subcommands.Add(AggregateCommand.Create());
root.Subcommands.Add(ResampleCommand.Create());
root.Subcommands.Add(SimulateTicksCommand.Create());
root.Subcommands.Add(IndicatorsCommand.Create());
root.Subcommands.Add(MonteCarloCommand.Create());
root.Subcommands.Add(RegimeCommand.Create());
root.Subcommands.Add(BacktestCommand.Create());
root.Subcommands.Add(PaperCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
root.Subcommands.Add(BarsCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(TicksCommand.Create());
return CliRunner.Run(root, args);
