using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli;

/// <summary>Parsing of argument values shared by the commands, with messages that say what was expected.</summary>
public static class CliArguments
{
    public static Timeframe Timeframe(string option, string? text) =>
        Core.Market.Timeframe.TryParse(text, out var tf, out var error) ? tf : throw new CliUsageException($"{option}: {error}");

    public static TimeSpan Duration(string option, string? text) =>
        MarketText.TryParseDuration(text, out var d)
            ? d
            : throw new CliUsageException($"{option}: '{text}' is not a duration; use a whole number with ms, s, m, h or d (e.g. 5s)");

    public static string ExistingFile(string option, string? path) =>
        !string.IsNullOrWhiteSpace(path) && File.Exists(path) ? path : throw new CliUsageException($"{option}: file '{path}' does not exist");
}
