using System.CommandLine;
using MarketIntel.Cli.Commands;

namespace MarketIntel.Cli.Tests;

/// <summary>Runs CLI commands in-process with captured output, in a temporary folder removed afterwards.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("marketintel-cli-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(AggregateCommand.Create());
        root.Subcommands.Add(ResampleCommand.Create());
        root.Subcommands.Add(SimulateTicksCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.Run(root, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        // Commands that open the embedded store leave pooled connections holding its files open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
