using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Commands;

/// <summary>Numeric option values of the risk and regime commands, parsed invariantly with messages naming the option.</summary>
internal static class NumberArguments
{
    public static double Double(string option, string? text, Func<double, bool> valid, string expectation) =>
        MarketText.TryParseDouble(text, out var value) && double.IsFinite(value) && valid(value)
            ? value
            : throw new CliUsageException($"{option}: expected {expectation}, got '{text}'");

    public static long Integer(string option, string? text, long min, long max) =>
        long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliUsageException($"{option}: expected a whole number from {min} to {max}, got '{text}'");

    public static ulong Seed(string option, string? text) =>
        ulong.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"{option}: expected a non-negative whole number, got '{text}'");

    public static double[] Fractions(string option, string[]? texts, double[] defaults, bool inclusiveOne)
    {
        if (texts is null || texts.Length == 0)
        {
            return defaults;
        }

        var result = new double[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            result[i] = Double(option, texts[i], v => v > 0 && (v < 1 || (inclusiveOne && v == 1)), inclusiveOne ? "a fraction in (0, 1]" : "a number strictly between 0 and 1");
        }

        if (result.Distinct().Count() != result.Length)
        {
            throw new CliUsageException($"{option}: a value is given twice");
        }

        return result;
    }
}
