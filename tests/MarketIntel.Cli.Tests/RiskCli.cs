using System.CommandLine;
using MarketIntel.Cli.Commands;

namespace MarketIntel.Cli.Tests;

/// <summary>Runs the risk and regime commands in-process and captures exit code, stdout and stderr.</summary>
internal static class RiskCli
{
    public static string DefaultQuotes => MarketIntel.Core.Tests.Indicators.ReferenceData.QuotePath("default.csv");

    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test") { MonteCarloCommand.Create(), RegimeCommand.Create() };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliRunner.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
