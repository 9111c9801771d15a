using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli;

/// <summary>
/// The <c>--quotes FILE|DIR</c> input of scan and backtest: a file is one symbol named after its stem, a folder is every
/// <c>*.csv</c> in it (not recursive), each a symbol named after its stem, in ordinal order of the symbol.
/// </summary>
public static class QuoteSource
{
    public static IReadOnlyList<(string Symbol, QuoteFile Quotes)> Load(string option, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliUsageException($"{option}: give a quotes file or a folder of them");
        }

        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.csv");
            if (files.Length == 0)
            {
                throw new CliUsageException($"{option}: folder '{path}' holds no *.csv files");
            }
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new CliUsageException($"{option}: '{path}' is neither a file nor a folder");
        }

        var result = new List<(string Symbol, QuoteFile Quotes)>(files.Length);
        foreach (var file in files)
        {
            var symbol = Path.GetFileNameWithoutExtension(file);
            if (!Symbol.IsValid(symbol, out var reason))
            {
                throw new CliUsageException($"{option}: '{file}' does not name a symbol: {reason}");
            }

            result.Add((symbol, QuoteCsvReader.ReadFile(file)));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol));
        return result;
    }

    /// <summary>For each symbol, its bar times mapped to the timestamps as written in its file, for output that echoes the input.</summary>
    public static Dictionary<string, Dictionary<DateTime, string>> TimestampTexts(IReadOnlyList<(string Symbol, QuoteFile Quotes)> inputs) =>
        inputs.ToDictionary(
            q => q.Symbol,
            q => q.Quotes.Bars.Select((b, i) => (b.OpenTime, Text: q.Quotes.TimestampTexts[i])).ToDictionary(x => x.OpenTime, x => x.Text),
            StringComparer.Ordinal);
}
