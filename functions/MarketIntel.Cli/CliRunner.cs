using System.CommandLine;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli;

/// <summary>
/// Runs the command line. Exit codes: 0 success, 2 malformed arguments or input (with the file, line and field),
/// 1 an unexpected failure.
/// </summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine($"Run '{root.Name} {string.Join(' ', CommandPath(parsed))} --help' for usage.");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Unwrap(ex) is CliUsageException or CsvFormatException or FormatException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: {Unwrap(ex).Message}");
            return BadInput;
        }
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : ex;

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (r.Command is not RootCommand)
            {
                names.Insert(0, r.Command.Name);
            }
        }

        return names;
    }
}
