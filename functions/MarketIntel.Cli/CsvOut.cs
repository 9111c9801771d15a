using System.Text;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli;

/// <summary>Small helpers for the files commands write: UTF-8 without BOM, LF line ends, RFC 4180 quoting, JSON numbers.</summary>
public static class CsvOut
{
    public static StreamWriter Create(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        return new StreamWriter(path, false, new UTF8Encoding(false));
    }

    /// <summary>A number as round-trip text, or an empty cell for undefined (NaN) and infinite values.</summary>
    public static string Number(double value) => double.IsFinite(value) ? MarketText.Format(value) : string.Empty;

    public static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>JSON has no NaN or infinity: an undefined statistic is written as null.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
