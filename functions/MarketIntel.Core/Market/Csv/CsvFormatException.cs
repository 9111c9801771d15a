namespace MarketIntel.Core.Market.Csv;

/// <summary>A malformed CSV input, with the file, 1-based line and field that were wrong.</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException(string file, int line, string? field, string problem)
        : base(Describe(file, line, field, problem))
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public string? Field { get; }

    public string Problem { get; }

    private static string Describe(string file, int line, string? field, string problem) =>
        field is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: field '{field}': {problem}";
}
