namespace MarketIntel.Core.Scanning;

/// <summary>
/// A rule that cannot be read or compiled. The message starts with <c>col N:</c>, the 1-based column of the
/// offending text, so that a command line or an API can point at it.
/// </summary>
public sealed class ScanSyntaxException : FormatException
{
    public ScanSyntaxException(int column, string problem)
        : base($"col {column}: {problem}")
    {
        Column = column;
        Problem = problem;
    }

    public ScanSyntaxException()
    {
    }

    public ScanSyntaxException(string message)
        : base(message)
    {
    }

    public ScanSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Column { get; }

    public string Problem { get; } = string.Empty;
}
